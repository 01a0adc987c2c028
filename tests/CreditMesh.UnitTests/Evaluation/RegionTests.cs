using CreditMesh.Evaluation.Projections;

namespace CreditMesh.UnitTests.Evaluation;

/// <summary>The region the statistics filter on (DESIGN §5.2): the administrative division inside a subject's code.</summary>
public sealed class RegionTests
{
    [TestCase("9144030071526726XG", "440300", TestName = "a credit code: positions 3–8")]
    [TestCase("914403001000000248", "440300", TestName = "an all-digit credit code is still a credit code: positions 3–8")]
    [TestCase("110101198002020122", "110101", TestName = "a resident ID number: positions 1–6")]
    [TestCase("91440300", "", TestName = "anything not 18 characters long: no region")]
    public void The_region_is_the_administrative_division_in_the_code(string code, string region) =>
        Assert.That(CurrentEvaluations.RegionOf(code), Is.EqualTo(region));
}
