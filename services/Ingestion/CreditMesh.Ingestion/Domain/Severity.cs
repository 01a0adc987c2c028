namespace CreditMesh.Ingestion.Domain;

/// <summary>Tier of dishonesty information (失信信息分类), which sets its publicity period (国办发〔2025〕22号).</summary>
public enum Severity
{
    /// <summary>轻微: a warning or 通报批评 only, small fines.</summary>
    Minor,

    /// <summary>一般: other penalties.</summary>
    General,

    /// <summary>严重: serious dishonesty.</summary>
    Serious,
}
