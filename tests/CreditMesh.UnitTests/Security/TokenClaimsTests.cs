using CreditMesh.Contracts.Vocabulary;
using System.Security.Claims;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace CreditMesh.UnitTests.Security;

/// <summary>DESIGN §5: the claim rules a validly signed token must still meet (else 401).</summary>
public sealed class TokenClaimsTests
{
    private static readonly UnitCodes Units = new(Options.Create(new AuthOptions()));

    private static string? Refusal(params (string Type, string Value)[] claims) =>
        TokenClaims.Refusal(new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "jwt")), Units);

    [TestCase(Roles.MemberUnit, "11440300MB2C928511")]
    [TestCase(Roles.Approver, "APPROVAL-SZ-01")]
    [TestCase(Roles.Exchange, "NATIONAL-PLATFORM")]
    public void A_unit_role_with_a_well_formed_unit_is_accepted(string role, string unit)
    {
        Assert.That(Refusal(("role", role), ("unit", unit), ("sub", "clerk")), Is.Null);
    }

    [TestCase(Roles.MemberUnit)]
    [TestCase(Roles.Approver)]
    [TestCase(Roles.Exchange)]
    public void A_unit_role_without_a_unit_is_refused(string role)
    {
        Assert.That(Refusal(("role", role)), Does.Contain("unit claim"));
    }

    [TestCase("' OR 1=1 --", TestName = "SQL in the unit claim is refused")]
    [TestCase("11440300MB2C92851D", TestName = "A credit code with a wrong check character is refused")]
    [TestCase("11440300mb2c928511", TestName = "A lower-case credit code is refused")]
    [TestCase("U1", TestName = "A unit id of one part is refused")]
    [TestCase("", TestName = "An empty unit is refused")]
    public void A_malformed_unit_is_refused(string unit)
    {
        Assert.That(Refusal(("role", Roles.MemberUnit), ("unit", unit)), Is.Not.Null);
    }

    [Test]
    public void A_subject_token_needs_its_own_valid_code()
    {
        Assert.That(Refusal(("role", Roles.Subject), ("subject", "9144030071526726XG")), Is.Null);
        Assert.That(Refusal(("role", Roles.Subject), ("subject", "11010519491231002X")), Is.Null);
        Assert.That(Refusal(("role", Roles.Subject)), Does.Contain("subject claim"));
        Assert.That(Refusal(("role", Roles.Subject), ("subject", "9144030071526726XA")), Does.Contain("subject claim"));
    }

    [Test]
    public void A_role_given_as_a_list_or_outside_the_role_list_is_refused()
    {
        Assert.That(Refusal(("role", Roles.MemberUnit), ("role", Roles.Auditor), ("unit", "11440300MB2C928511")), Does.Contain("not a list"));
        Assert.That(Refusal(("role", "admin")), Does.Contain("must be one of"));
        Assert.That(Refusal(("sub", "someone")), Does.Contain("must be one of"));
    }

    [Test]
    public void Roles_without_a_unit_need_none_but_a_unit_they_carry_must_be_well_formed()
    {
        Assert.That(Refusal(("role", Roles.Auditor)), Is.Null);
        Assert.That(Refusal(("role", Roles.CreditCenter), ("unit", "CREDIT-CENTRE")), Is.Null);
        Assert.That(Refusal(("role", Roles.Auditor), ("unit", "garbage!")), Is.Not.Null);
        Assert.That(Refusal(("role", Roles.Public), ("sub", new string('a', 129))), Does.Contain("sub claim"));
    }

    [Test]
    public void Unit_filters_in_query_strings_follow_the_same_rule()
    {
        Assert.That(Units.InvalidFilter(null), Is.Null);
        Assert.That(Units.InvalidFilter("11440300MB2C928511"), Is.Null);
        Assert.That(Units.InvalidFilter("' OR 1=1 --")?.ProblemDetails.Errors.Keys, Is.EqualTo(new[] { "unit" }));
    }

    [Test]
    public void A_unit_id_pattern_that_would_backtrack_without_end_answers_at_once_instead_of_timing_out()
    {
        // (A+)+ backtracks exponentially on a near miss; the pattern runs without backtracking, so there is no timeout to trip
        var units = new UnitCodes(Options.Create(new AuthOptions { UnitIdPattern = "^(A+)+-B$" }));
        Assert.That(units.Error(new string('A', 40) + "-C", "unit"), Does.Contain("unit must be"));
        Assert.That(units.IsValid("AAAA-B"), Is.True);
    }

    [TestCase(@"^(A)-\1$")]
    [TestCase("^(?=A)[A-Z]+-B$")]
    public void A_unit_id_pattern_that_needs_backtracking_is_refused_at_start_up(string pattern)
    {
        var options = new AuthOptions { IsDevelopment = true, UnitIdPattern = pattern };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        Assert.That(results.Single().ErrorMessage, Does.Contain("without backreferences or lookarounds"));
    }
}
