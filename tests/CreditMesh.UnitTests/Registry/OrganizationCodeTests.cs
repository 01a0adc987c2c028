using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class OrganizationCodeTests
{
    [TestCase("71526726-X")]
    [TestCase("71526726X")]
    [TestCase("71526726-x")]
    [TestCase(" 71526726x ")]
    public void A_code_with_or_without_its_hyphen_is_accepted_and_normalized_to_nine_characters(string input)
    {
        // When
        var check = OrganizationCode.Validate(input);

        // Then
        Assert.That(check, Is.EqualTo(IdentifierCheck.Valid("71526726X")));
    }

    [TestCase("70846113-6", "708461136")] // positions 9–17 of 91440300708461136T
    [TestCase("79965505-8", "799655058")] // positions 9–17 of 91330100799655058B
    [TestCase("10000004-0", "100000040")] // C = 11 is written 0
    public void Codes_whose_check_character_matches_are_accepted(string input, string normalized)
    {
        // When / Then
        Assert.That(OrganizationCode.Validate(input), Is.EqualTo(IdentifierCheck.Valid(normalized)));
    }

    [Test]
    public void A_code_with_letters_in_its_body_is_accepted()
    {
        // Given
        var code = Vectors.WithOrganizationCheck("MA5ELW3B");

        // When / Then
        Assert.That(OrganizationCode.Validate(code).IsValid, Is.True);
    }

    [Test]
    public void Codes_ending_in_every_possible_check_character_are_accepted()
    {
        // Given
        var codes = Enumerable.Range(0, 100).Select(n => Vectors.WithOrganizationCheck($"{71526700 + n}")).ToList();

        // When / Then
        Assert.That(codes.Select(code => code[8]).Distinct(), Is.EquivalentTo("0123456789X"));
        Assert.That(codes.Where(code => !OrganizationCode.Validate(code).IsValid), Is.Empty);
    }

    [TestCase("71526726-0")]
    [TestCase("715267260")]
    [TestCase("71780996-5")] // positions 9–17 of the design's invalid 91110108717809965C
    public void A_code_with_a_wrong_check_character_is_rejected(string input)
    {
        // When
        var check = OrganizationCode.Validate(input);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain("check character (the last one) does not match"));
    }

    [TestCase("71526726-A", "'A' at position 10", "digit or X")]
    [TestCase("7152672*X", "'*' at position 8", "digits or letters A–Z")]
    public void A_character_outside_the_code_alphabet_is_rejected_by_name_and_position(string input, string named, string rule)
    {
        // When
        var check = OrganizationCode.Validate(input);

        // Then
        Assert.That(check.Error, Does.Contain(named));
        Assert.That(check.Error, Does.Contain(rule));
    }

    [TestCase("71526726")]
    [TestCase("7152672-6X")]
    [TestCase("715267260X")]
    [TestCase("71526726--X")]
    public void A_code_of_the_wrong_length_or_with_a_misplaced_hyphen_is_rejected(string input)
    {
        // When
        var check = OrganizationCode.Validate(input);

        // Then
        Assert.That(check.Error, Does.StartWith("Organisation code must be 9 characters long (or written 12345678-9)"));
    }

    [TestCase("71526726", 'X')]
    [TestCase("70846113", '6')]
    [TestCase("10000004", '0')]
    public void The_check_character_is_computed_from_the_eight_body_characters(string body, char expected)
    {
        // When / Then
        Assert.That(OrganizationCode.CheckCharacter(body), Is.EqualTo(expected));
    }

    [TestCase("7152672")]
    [TestCase("715267261")]
    [TestCase("7152672a")]
    public void The_check_character_of_anything_but_eight_upper_case_body_characters_is_a_programming_error(string body)
    {
        // When / Then
        Assert.That(() => OrganizationCode.CheckCharacter(body), Throws.ArgumentException);
    }
}
