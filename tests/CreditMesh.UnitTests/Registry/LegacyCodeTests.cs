using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class LegacyCodeTests
{
    [TestCase("71526726-X")]
    [TestCase("71526726x")]
    [TestCase("71526726-0")] // a wrong check character: still shaped like an organisation code, for Validate to explain
    public void Nine_characters_or_eight_a_hyphen_and_one_are_an_organisation_code(string input)
    {
        // When / Then
        Assert.That(LegacyCode.Classify(input), Is.EqualTo(LegacyCodeKind.OrganizationCode));
    }

    [Test]
    public void Fifteen_digits_passing_the_mod_11_10_check_are_a_registration_number()
    {
        // When / Then
        Assert.That(LegacyCode.Classify("110108000000016"), Is.EqualTo(LegacyCodeKind.RegistrationNumber));
    }

    [TestCase("44030071526726X")]
    [TestCase("440300708461136")] // all digits, but fails MOD 11,10
    public void Fifteen_characters_of_a_division_code_and_a_valid_organisation_code_are_a_tax_registration_number(string input)
    {
        // When / Then
        Assert.That(LegacyCode.Classify(input), Is.EqualTo(LegacyCodeKind.TaxRegistrationNumber));
    }

    [Test]
    public void Fifteen_digits_passing_both_checks_are_not_guessed()
    {
        // Given 440300 + organisation code 10000928-0, which also passes MOD 11,10
        const string both = "440300100009280";
        Assert.That((RegistrationNumber.Validate(both).IsValid, TaxRegistrationNumber.Validate(both).IsValid), Is.EqualTo((true, true)));

        // When / Then
        Assert.That(LegacyCode.Classify(both), Is.Null);
    }

    [TestCase("440300715267261")] // fails both checks
    [TestCase("9144030071526726XG")]
    [TestCase("7152672*X")]
    [TestCase("71526726-Y")]
    [TestCase("７1526726X")]
    [TestCase("")]
    [TestCase(null)]
    public void Anything_else_is_not_classified(string? input)
    {
        // When / Then
        Assert.That(LegacyCode.Classify(input), Is.Null);
    }

    [TestCase("110108000000016", LegacyCodeKind.RegistrationNumber, "110108000000016")]
    [TestCase("71526726-x", LegacyCodeKind.OrganizationCode, "71526726X")]
    [TestCase("44030071526726x", LegacyCodeKind.TaxRegistrationNumber, "44030071526726X")]
    public void Each_kind_is_validated_by_its_own_rules(string input, LegacyCodeKind kind, string normalized)
    {
        // When / Then
        Assert.That(LegacyCode.Validate(input, kind), Is.EqualTo(IdentifierCheck.Valid(normalized)));
    }

    [Test]
    public void A_code_validated_as_the_wrong_kind_is_rejected_by_that_kind()
    {
        // When / Then
        Assert.That(LegacyCode.Validate("71526726X", LegacyCodeKind.RegistrationNumber).Error, Does.StartWith("Registration number must be 15 digits long"));
        Assert.That(LegacyCode.Validate("110108000000016", LegacyCodeKind.OrganizationCode).Error, Does.StartWith("Organisation code must be 9 characters long"));
    }
}
