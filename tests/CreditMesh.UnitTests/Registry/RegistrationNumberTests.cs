using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class RegistrationNumberTests
{
    // Its check digit 6 satisfies ISO 7064 MOD 11,10 (verified independently by Vectors).
    private const string Valid = "110108000000016";

    [Test]
    public void A_number_whose_check_digit_matches_is_accepted()
    {
        // Given
        Assert.That(Vectors.WithRegistrationCheck("11010800000001"), Is.EqualTo(Valid));

        // When / Then
        Assert.That(RegistrationNumber.Validate($" {Valid} "), Is.EqualTo(IdentifierCheck.Valid(Valid)));
    }

    [TestCase("44030100000000")]
    [TestCase("33010040012345")]
    [TestCase("00000000000000")]
    public void Numbers_built_with_a_matching_check_digit_are_accepted(string first14)
    {
        // When / Then
        Assert.That(RegistrationNumber.Validate(Vectors.WithRegistrationCheck(first14)).IsValid, Is.True);
    }

    [Test]
    public void Numbers_ending_in_every_possible_check_digit_are_accepted()
    {
        // Given
        var numbers = Enumerable.Range(0, 100).Select(n => Vectors.WithRegistrationCheck($"440301{n:D8}")).ToList();

        // When / Then
        Assert.That(numbers.Select(number => number[14]).Distinct(), Is.EquivalentTo("0123456789"));
        Assert.That(numbers.Where(number => !RegistrationNumber.Validate(number).IsValid), Is.Empty);
    }

    [Test]
    public void Every_other_check_digit_is_rejected()
    {
        foreach (var digit in "012345789")
        {
            // Given
            var number = Vectors.Replace(Valid, 15, digit);

            // When
            var check = RegistrationNumber.Validate(number);

            // Then
            Assert.That(check.Error, Does.Contain("check digit (position 15) does not match"), number);
        }
    }

    [Test]
    public void Swapping_two_adjacent_digits_is_detected()
    {
        // Given 110108000000016 with positions 13 and 14 swapped
        const string swapped = "110108000000106";

        // When / Then
        Assert.That(RegistrationNumber.Validate(swapped).IsValid, Is.False);
    }

    [TestCase("11010800000001", 14)]
    [TestCase("1101080000000160", 16)]
    public void A_number_of_the_wrong_length_is_rejected(string input, int length)
    {
        // When / Then
        Assert.That(RegistrationNumber.Validate(input).Error, Is.EqualTo($"Registration number must be 15 digits long; this one has {length}."));
    }

    [Test]
    public void A_letter_is_rejected_by_name_and_position()
    {
        // When / Then
        Assert.That(RegistrationNumber.Validate("11010800000001A").Error, Does.Contain("'A' at position 15 is not allowed; a registration number has only digits"));
    }
}
