namespace CreditMesh.Ingestion.Domain;

/// <summary>Category of a credit record in the catalogue (公共信用信息目录); it decides required fields and publicity.</summary>
public enum RecordCategory
{
    /// <summary>行政许可.</summary>
    AdministrativeLicense,

    /// <summary>行政处罚.</summary>
    AdministrativePenalty,

    /// <summary>失信被执行人, from a court.</summary>
    CourtDefaulter,

    /// <summary>重大税收违法失信主体.</summary>
    MajorTaxViolation,

    /// <summary>信用承诺.</summary>
    CreditCommitment,

    /// <summary>违背承诺.</summary>
    CommitmentBreach,

    /// <summary>表彰 / 红名单依据, e.g. an A-grade taxpayer.</summary>
    Honor,
}
