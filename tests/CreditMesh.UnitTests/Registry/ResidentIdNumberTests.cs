using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class ResidentIdNumberTests
{
    private const string Valid = "11010519491231002X";

    [Test]
    public void The_standard_example_number_is_accepted()
    {
        // When
        var check = ResidentIdNumber.Validate(Valid);

        // Then
        Assert.That(check, Is.EqualTo(IdentifierCheck.Valid(Valid)));
    }

    [Test]
    public void A_lower_case_x_check_character_is_accepted_and_upper_cased()
    {
        // When / Then
        Assert.That(ResidentIdNumber.Validate(" 11010519491231002x "), Is.EqualTo(IdentifierCheck.Valid(Valid)));
    }

    [Test]
    public void Numbers_ending_in_every_possible_check_character_are_accepted()
    {
        // Given numbers differing only in their sequence digits, each with its check character
        var ids = Enumerable.Range(0, 100).Select(sequence => Vectors.WithResidentIdCheck($"11010519491231{sequence:D3}")).ToList();

        // When / Then
        Assert.That(ids.Select(id => id[17]).Distinct(), Is.EquivalentTo("0123456789X"));
        Assert.That(ids.Where(id => !ResidentIdNumber.Validate(id).IsValid), Is.Empty);
    }

    [TestCase("110105194912310021")] // the same number with 1 in place of X: a common mistyping
    [TestCase("110105194912310020")]
    public void A_number_with_a_wrong_check_character_is_rejected(string input)
    {
        // When
        var check = ResidentIdNumber.Validate(input);

        // Then
        Assert.That(check.IsValid, Is.False);
        Assert.That(check.Error, Does.Contain("check character (position 18) does not match"));
    }

    [TestCase("20000229")]
    [TestCase("20040229")]
    [TestCase("19000101")]
    public void A_real_birth_date_is_accepted_including_february_29_of_a_leap_year(string birthDate)
    {
        // Given
        var id = Vectors.WithResidentIdCheck("110105" + birthDate + "002");

        // When / Then
        Assert.That(ResidentIdNumber.Validate(id).IsValid, Is.True);
    }

    [TestCase("20010229")] // not a leap year
    [TestCase("19000229")] // century not divisible by 400: not a leap year
    [TestCase("20000230")]
    [TestCase("19491301")]
    [TestCase("19490431")]
    [TestCase("19490000")]
    public void A_birth_date_that_does_not_exist_is_rejected(string birthDate)
    {
        // Given a number whose check character matches, so only the date is wrong
        var id = Vectors.WithResidentIdCheck("110105" + birthDate + "002");

        // When
        var check = ResidentIdNumber.Validate(id);

        // Then
        Assert.That(check.Error, Is.EqualTo($"Resident ID number: positions 7–14 must be a real birth date (yyyyMMdd); {birthDate} is not a date."));
    }

    [Test]
    public void A_birth_date_before_1900_is_rejected()
    {
        // Given
        var id = Vectors.WithResidentIdCheck("11010518991231002");

        // When / Then
        Assert.That(ResidentIdNumber.Validate(id).Error, Does.Contain("the birth date 1899-12-31 is before 1900-01-01"));
    }

    [Test]
    public void A_future_birth_date_is_left_for_the_caller_to_judge()
    {
        // Given a number born in 2099: this component has no clock
        var id = Vectors.WithResidentIdCheck("11010520991231002");

        // When / Then
        Assert.That(ResidentIdNumber.Validate(id).IsValid, Is.True);
    }

    [Test]
    public void An_old_15_digit_number_is_rejected_asking_for_the_18_digit_one()
    {
        // When
        var check = ResidentIdNumber.Validate("110105491231002");

        // Then
        Assert.That(check.Error, Is.EqualTo("Resident ID number: this is an old 15-digit number; the 18-digit resident ID number is required."));
    }

    [TestCase("11010519491231002")]
    [TestCase("11010519491231002XX")]
    public void A_number_of_the_wrong_length_is_rejected(string input)
    {
        // When / Then
        Assert.That(ResidentIdNumber.Validate(input).Error, Does.StartWith("Resident ID number must be 18 characters long"));
    }

    [TestCase("1101051949123100X2", "'X' at position 17", "first 17 characters are digits")]
    [TestCase("11010519491231002Y", "'Y' at position 18", "last character is a digit or X")]
    public void A_character_out_of_place_is_rejected_by_name_and_position(string input, string named, string rule)
    {
        // When
        var check = ResidentIdNumber.Validate(input);

        // Then
        Assert.That(check.Error, Does.Contain(named));
        Assert.That(check.Error, Does.Contain(rule));
    }

    [Test]
    public void A_full_width_digit_is_rejected_with_a_message_about_full_width_characters()
    {
        // When / Then
        Assert.That(ResidentIdNumber.Validate("1101051949１231002X").Error, Does.Contain("full-width characters are not accepted; '１' at position 11"));
    }

    [Test]
    public void The_birth_date_is_read_from_positions_7_to_14()
    {
        // When / Then
        Assert.That(ResidentIdNumber.BirthDate(Valid), Is.EqualTo(new DateOnly(1949, 12, 31)));
    }

    [TestCase("110105200102290025")]
    [TestCase("11010519491231002")]
    [TestCase("")]
    public void No_birth_date_is_read_from_an_impossible_date_or_a_number_of_the_wrong_length(string normalized)
    {
        // When / Then
        Assert.That(ResidentIdNumber.BirthDate(normalized), Is.Null);
    }
}
