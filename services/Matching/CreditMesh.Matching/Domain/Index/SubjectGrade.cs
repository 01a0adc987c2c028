namespace CreditMesh.Matching.Domain.Index;

/// <summary>A subject's grade as the evaluation service last published it (公共信用综合评价, DESIGN §4.7), shown in every match answer.</summary>
public readonly record struct SubjectGrade(string Grade, int Score, string ModelVersion);
