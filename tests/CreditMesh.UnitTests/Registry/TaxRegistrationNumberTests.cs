using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class TaxRegistrationNumberTests
{
    [TestCase("44030071526726X", "44030071526726X")]
    [TestCase(" 44030071526726x", "44030071526726X")]
    [TestCase("440300708461136", "440300708461136")]
    [TestCase("330100799655058", "330100799655058")]
    public void A_division_code_followed_by_a_valid_organisation_code_is_accepted(string input, string normalized)
    {
        // When / Then
        Assert.That(TaxRegistrationNumber.Validate(input), Is.EqualTo(IdentifierCheck.Valid(normalized)));
    }

    [Test]
    public void A_number_whose_organisation_code_fails_its_check_is_rejected()
    {
        // When
        var check = TaxRegistrationNumber.Validate("440300715267261");

        // Then
        Assert.That(check.Error, Does.Contain("organisation code in positions 7–15 fails its check"));
    }

    [Test]
    public void An_18_character_code_is_rejected_pointing_to_the_unified_social_credit_code_instead()
    {
        // When
        var check = TaxRegistrationNumber.Validate("9144030071526726XG");

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain("if it is a unified social credit code, enter it as one"));
    }

    [Test]
    public void A_20_character_number_of_an_individual_business_is_rejected_as_not_supported()
    {
        // When
        var check = TaxRegistrationNumber.Validate("11010519491231002X01");

        // Then
        Assert.That(check.Error, Does.Contain("20-character numbers (individual businesses: ID number plus 2 digits) are not supported"));
    }

    [TestCase("4403007152672")]
    [TestCase("44030071526726X0")]
    public void A_number_of_any_other_length_is_rejected(string input)
    {
        // When / Then
        Assert.That(TaxRegistrationNumber.Validate(input).Error, Does.StartWith("Tax registration number must be 15 characters long"));
    }

    [TestCase("44030A71526726X", "'A' at position 6", "administrative division")]
    [TestCase("4403007152672-X", "'-' at position 14", "organisation code characters")]
    [TestCase("44030071526726Y", "'Y' at position 15", "digit or X")]
    public void A_character_out_of_place_is_rejected_by_name_and_position(string input, string named, string rule)
    {
        // When
        var check = TaxRegistrationNumber.Validate(input);

        // Then
        Assert.That(check.Error, Does.Contain(named));
        Assert.That(check.Error, Does.Contain(rule));
    }
}
