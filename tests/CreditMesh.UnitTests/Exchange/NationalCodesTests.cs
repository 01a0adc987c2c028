using CreditMesh.Contracts;
using CreditMesh.Exchange.Domain.Codes;
using CreditMesh.Exchange.Domain.Sharing;
using static CreditMesh.UnitTests.Exchange.Items;

namespace CreditMesh.UnitTests.Exchange;

/// <summary>The national 双公示 exchange codes of feed payloads (docs/exchange-codes.md).</summary>
public sealed class NationalCodesTests
{
    [Test]
    public void A_penalty_carries_the_cf_codes_of_its_decision()
    {
        var codes = NationalCodes.ForRecord(Penalty());

        Assert.That(codes, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["CF_XDR_MC"] = "腾讯科技（深圳）有限公司", ["CF_XDR_LB"] = "法人及非法人组织", ["CF_XDR_SHXYM"] = Company, ["CF_FRDB"] = "张三",
            ["CF_WSH"] = "深市监罚〔2026〕123号", ["CF_WFXW"] = "虚假宣传", ["CF_SY"] = "发布虚假广告", ["CF_YJ"] = "《反不正当竞争法》第二十条",
            ["CF_CFLB"] = "警告;罚款", ["CF_NR"] = "罚款5万元", ["CF_FKJE"] = 50000m, ["CF_NR_WFFF"] = 0m, ["CF_JDRQ"] = "2026-05-10",
            ["CF_GSJZQ"] = "2027-05-09", ["CF_CFJG"] = "深圳市市场监督管理局", ["CF_CFJGDM"] = Market, ["CF_SJLYDM"] = Market, ["CF_YZCD"] = "General",
        }));
    }

    [Test]
    public void A_natural_person_is_named_by_id_type_and_number_not_by_a_credit_code()
    {
        var codes = NationalCodes.ForRecord(Penalty(subject: Person, kind: "NaturalPerson"));

        Assert.That((codes["CF_XDR_LB"], codes["CF_XDR_ZJLX"], codes["CF_XDR_ZJHM"]), Is.EqualTo(("自然人", "身份证", Person)));
        Assert.That(codes.ContainsKey("CF_XDR_SHXYM"), Is.False);
    }

    [Test]
    public void A_licence_carries_the_xk_codes()
    {
        var licence = Penalty() with
        {
            Category = "AdministrativeLicense", Severity = null,
            Content = new CreditRecordContent("深市监许〔2026〕8号", "深圳市市场监督管理局", LicenseName: "食品经营许可证", LicenseContent: "预包装食品销售",
                LicenseValidFrom: new DateOnly(2026, 5, 10), LicenseValidUntil: new DateOnly(2031, 5, 9)),
        };

        var codes = NationalCodes.ForRecord(licence);

        Assert.Multiple(() =>
        {
            Assert.That(codes["XK_WSH"], Is.EqualTo("深市监许〔2026〕8号"));
            Assert.That(codes["XK_XKZS"], Is.EqualTo("食品经营许可证"));
            Assert.That(codes["XK_NR"], Is.EqualTo("预包装食品销售"));
            Assert.That((codes["XK_YXQZ"], codes["XK_YXQJZ"]), Is.EqualTo(("2026-05-10", "2031-05-09")));
            Assert.That(codes["XK_XKJG"], Is.EqualTo("深圳市市场监督管理局"));
            Assert.That(codes["XK_XDR_SHXYM"], Is.EqualTo(Company));
            Assert.That(codes.Keys, Has.None.StartsWith("CF_"));
        });
    }

    [Test]
    public void A_list_entry_carries_the_list_fields_with_its_last_valid_day()
    {
        var codes = NationalCodes.ForEntry(Entry(validUntil: new DateTimeOffset(2029, 11, 25, 0, 0, 0, TimeSpan.FromHours(8))));

        Assert.Multiple(() =>
        {
            Assert.That(codes["MD_TMBH"], Is.EqualTo("E1"));
            Assert.That((codes["MD_LX"], codes["MD_LXDM"], codes["MD_ZL"]), Is.EqualTo(("严重失信主体名单", "SeriousDishonesty", "黑名单")));
            Assert.That(codes["MD_RDDW"], Is.EqualTo(Market));
            Assert.That(codes["MD_RDYJ"], Is.EqualTo("R1"));
            Assert.That(codes["MD_LRRQ"], Is.EqualTo("2026-11-24"));
            Assert.That(codes["MD_YXQZ"], Is.EqualTo("2029-11-24"), "valid through the day before the exclusive end");
            Assert.That(codes["MD_XDR_SHXYM"], Is.EqualTo(Company));
        });
    }

    [Test]
    public void A_withdrawal_names_what_was_shared_and_why_sharing_stopped()
    {
        var codes = NationalCodes.Withdrawal(NationalCodes.ForRecord(Penalty()), WithdrawalReason.Repaired, Now);

        Assert.That(codes, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["CF_XDR_MC"] = "腾讯科技（深圳）有限公司", ["CF_XDR_LB"] = "法人及非法人组织", ["CF_XDR_SHXYM"] = Company, ["CF_WSH"] = "深市监罚〔2026〕123号",
            ["TZGX_YY"] = "信用修复", ["TZGX_YYDM"] = "Repaired", ["TZGX_RQ"] = "2026-11-24",
        }));
    }
}
