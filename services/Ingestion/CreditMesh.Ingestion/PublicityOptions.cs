namespace CreditMesh.Ingestion;

/// <summary>Section "Publicity": whether Minor (轻微) penalties are disclosed (DESIGN §4.2: not by default; if so, at most 3 months).</summary>
public sealed class PublicityOptions
{
    public const string Section = "Publicity";

    public bool DiscloseMinor { get; set; }
}
