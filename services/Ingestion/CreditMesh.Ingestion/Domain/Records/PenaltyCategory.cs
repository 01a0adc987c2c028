namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>处罚类别: the kinds of administrative penalty (行政处罚法 art. 9), as the 双公示 data set names them.</summary>
public enum PenaltyCategory
{
    /// <summary>警告.</summary>
    Warning,

    /// <summary>通报批评.</summary>
    NoticeOfCriticism,

    /// <summary>罚款.</summary>
    Fine,

    /// <summary>没收违法所得、没收非法财物.</summary>
    Confiscation,

    /// <summary>暂扣许可证件.</summary>
    LicenseSuspension,

    /// <summary>吊销许可证件.</summary>
    LicenseRevocation,

    /// <summary>责令停产停业.</summary>
    ProductionSuspension,

    /// <summary>其他行政处罚.</summary>
    Other,
}
