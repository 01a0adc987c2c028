using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class UnifiedSocialCreditCodeTests
{
    private const string Valid = "9144030071526726XG";

    [TestCase("9144030071526726XG")]
    [TestCase("91440300708461136T")]
    [TestCase("91330100799655058B")]
    public void The_valid_codes_from_the_design_are_accepted_unchanged(string code)
    {
        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check, Is.EqualTo(IdentifierCheck.Valid(code)));
    }

    [Test]
    public void The_design_code_with_a_wrong_check_character_is_rejected_for_its_check_character()
    {
        // Given the design's invalid vector (its embedded organisation code 71780996-5 fails too; the check character is reported first)
        const string code = "91110108717809965C";

        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain("check character (position 18) does not match"));
    }

    [Test]
    public void A_code_with_a_wrong_check_character_is_rejected_without_revealing_the_right_one()
    {
        // Given two codes that differ from a valid one only in a wrong check character
        var wrongA = Vectors.Replace(Valid, 18, 'A');
        var wrongB = Vectors.Replace(Valid, 18, 'B');

        // When
        var checkA = UnifiedSocialCreditCode.Validate(wrongA);
        var checkB = UnifiedSocialCreditCode.Validate(wrongB);

        // Then both get the same message, so neither can carry the expected character
        Assert.That(checkA.IsValid, Is.False);
        Assert.That(checkA.Error, Does.Contain("check character (position 18) does not match"));
        Assert.That(checkB.Error, Is.EqualTo(checkA.Error));
    }

    [Test]
    public void A_code_whose_embedded_organisation_code_fails_its_check_is_rejected_even_when_the_code_check_passes()
    {
        // Given positions 9–17 changed to 71526727X (the right organisation check character for 71526727 is 8)
        Assert.That(Vectors.WithOrganizationCheck("71526727"), Is.EqualTo("715267278"));
        var code = Vectors.WithUsccCheck("91440300" + "71526727X");

        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain("organisation code in positions 9–17 fails its own check"));
    }

    [Test]
    public void The_design_invalid_code_with_its_code_check_repaired_still_fails_on_the_organisation_code()
    {
        // When
        var check = UnifiedSocialCreditCode.Validate("91110108717809965J");

        // Then
        Assert.That(check.Error, Does.Contain("organisation code in positions 9–17 fails its own check"));
    }

    [Test]
    public void A_code_built_with_letters_in_the_organisation_code_is_accepted()
    {
        // Given a newer-style code whose positions 9–17 start with MA
        var code = Vectors.WithUsccCheck("91440300" + Vectors.WithOrganizationCheck("MA5ELW3B"));

        // When / Then
        Assert.That(UnifiedSocialCreditCode.Validate(code).IsValid, Is.True);
    }

    [Test]
    public void Codes_ending_in_every_possible_check_character_are_accepted()
    {
        // Given codes differing only in their organisation code, each with both check characters
        var codes = Enumerable.Range(0, 400)
            .Select(n => Vectors.WithUsccCheck("91440300" + Vectors.WithOrganizationCheck($"{71526700 + n}")))
            .ToList();

        // When / Then
        Assert.That(codes.Select(code => code[17]).Distinct(), Is.EquivalentTo("0123456789ABCDEFGHJKLMNPQRTUWXY"));
        Assert.That(codes.Where(code => !UnifiedSocialCreditCode.Validate(code).IsValid), Is.Empty);
    }

    [Test]
    public void Lower_case_input_is_accepted_and_upper_cased()
    {
        // When
        var check = UnifiedSocialCreditCode.Validate("9144030071526726xg");

        // Then
        Assert.That(check, Is.EqualTo(IdentifierCheck.Valid(Valid)));
    }

    [Test]
    public void Surrounding_spaces_are_trimmed()
    {
        // When
        var check = UnifiedSocialCreditCode.Validate(" \t9144030071526726XG  \r\n");

        // Then
        Assert.That(check, Is.EqualTo(IdentifierCheck.Valid(Valid)));
    }

    [TestCase('I')]
    [TestCase('O')]
    [TestCase('S')]
    [TestCase('V')]
    [TestCase('Z')]
    public void Each_letter_the_standard_leaves_out_is_rejected_by_name_and_position(char letter)
    {
        // Given a valid code with position 10 replaced by the letter
        var code = Vectors.Replace(Valid, 10, letter);

        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain($"'{letter}' at position 10 is not allowed"));
        Assert.That(check.Error, Does.Contain("except I, O, S, V and Z"));
    }

    [TestCase("9144030071526726X", 17)]
    [TestCase("9144030071526726XGG", 19)]
    [TestCase("91440300", 8)]
    public void A_code_of_the_wrong_length_is_rejected_saying_so(string code, int length)
    {
        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.Error, Is.EqualTo($"Unified social credit code must be 18 characters long; this one has {length}."));
    }

    [Test]
    public void A_letter_in_the_administrative_division_is_rejected_even_with_a_matching_check_character()
    {
        // Given
        var code = Vectors.WithUsccCheck("914A0300" + "71526726X");

        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.Error, Does.Contain("'A' at position 4 is not allowed; positions 3–8 are the administrative division code"));
    }

    [TestCase("９144030071526726XG", "'９' at position 1", "half-width '9'")]
    [TestCase("9144030071526726ＸG", "'Ｘ' at position 17", "half-width 'X'")]
    public void A_full_width_digit_or_letter_is_rejected_naming_its_position_and_half_width_form(string code, string named, string instead)
    {
        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain($"full-width characters are not accepted; {named} is full-width"));
        Assert.That(check.Error, Does.Contain(instead));
    }

    [TestCase("9144030071526726\u0425G", "U+0425")] // Cyrillic Ha
    [TestCase("91330100799655058\u0412", "U+0412")] // Cyrillic Ve
    [TestCase("91330100799655058\u0392", "U+0392")] // Greek Beta
    public void A_look_alike_letter_from_another_alphabet_is_rejected(string code, string codePoint)
    {
        // When
        var check = UnifiedSocialCreditCode.Validate(code);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain(codePoint));
        Assert.That(check.Error, Does.Contain("look alike"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void A_missing_code_is_required(string? input)
    {
        // When / Then
        Assert.That(UnifiedSocialCreditCode.Validate(input).Error, Is.EqualTo("Unified social credit code is required."));
    }
}
