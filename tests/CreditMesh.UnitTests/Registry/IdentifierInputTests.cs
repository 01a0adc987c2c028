using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class IdentifierInputTests
{
    private const string What = "Code";

    [Test]
    public void Input_is_trimmed_of_surrounding_spaces_and_upper_cased()
    {
        // When
        var check = IdentifierInput.Normalize(" \tab-12x\r\n ", What);

        // Then
        Assert.That(check, Is.EqualTo(IdentifierCheck.Valid("AB-12X")));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" \t ")]
    public void Missing_input_is_reported_as_required_under_the_given_name(string? input)
    {
        // When
        var check = IdentifierInput.Normalize(input, "Organisation code");

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Is.EqualTo("Organisation code is required."));
    }

    [TestCase("A１B", "'１' at position 2", "half-width '1'")]
    [TestCase("ａbc", "'ａ' at position 1", "half-width 'a'")]
    [TestCase("AB－C", "'－' at position 3", "half-width '-'")]
    [TestCase("ABＺ", "'Ｚ' at position 3", "half-width 'Z'")]
    public void A_full_width_character_is_rejected_naming_its_position_and_the_half_width_character(string input, string where, string instead)
    {
        // When
        var check = IdentifierInput.Normalize(input, What);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.StartWith("Code: full-width characters are not accepted"));
        Assert.That(check.Error, Does.Contain(where));
        Assert.That(check.Error, Does.Contain(instead));
    }

    [TestCase("AB\u3000C", 3)]
    [TestCase("ABC\u3000", 4)]
    [TestCase("\u3000ABC", 1)]
    public void An_ideographic_space_is_rejected_as_full_width_even_at_the_ends(string input, int position)
    {
        // When
        var check = IdentifierInput.Normalize(input, What);

        // Then
        Assert.That(check.Error, Is.EqualTo($"Code: full-width characters are not accepted; there is a full-width space at position {position}. Remove it."));
    }

    [TestCase("AB C", "U+0020", 3)]
    [TestCase("AB\tC", "U+0009", 3)]
    [TestCase("A\u00A0BC", "U+00A0", 2)]
    public void Whitespace_inside_a_code_is_rejected(string input, string codePoint, int position)
    {
        // When
        var check = IdentifierInput.Normalize(input, What);

        // Then
        Assert.That(check.Error, Is.EqualTo($"Code must not contain spaces; there is whitespace ({codePoint}) at position {position}."));
    }

    [Test]
    public void An_invisible_control_character_is_rejected()
    {
        // When
        var check = IdentifierInput.Normalize("AB\u0000C", What);

        // Then
        Assert.That(check.Error, Is.EqualTo("Code contains an invisible control character (U+0000) at position 3."));
    }

    [TestCase("\u0410BC", "'\u0410' (U+0410) at position 1")] // Cyrillic A
    [TestCase("A\u0392C", "'\u0392' (U+0392) at position 2")] // Greek Beta
    [TestCase("AB\u0131", "'\u0131' (U+0131) at position 3")] // dotless i, which upper-cases to I in some cultures
    [TestCase("AB\u00C9", "'\u00C9' (U+00C9) at position 3")] // accented E
    public void A_non_ascii_letter_is_rejected_so_look_alikes_cannot_pass(string input, string named)
    {
        // When
        var check = IdentifierInput.Normalize(input, What);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.StartWith($"Code: {named} is not allowed"));
        Assert.That(check.Error, Does.Contain("Cyrillic or Greek"));
    }

    [Test]
    public void Positions_count_characters_as_people_see_them_not_utf16_units()
    {
        // Given an emoji (two UTF-16 units) before a Cyrillic letter
        const string input = "A\U0001F600\u0411";

        // When
        var check = IdentifierInput.Normalize(input, What);

        // Then the emoji is reported at position 2, as one character
        Assert.That(check.Error, Does.Contain("(U+1F600) at position 2"));
    }
}
