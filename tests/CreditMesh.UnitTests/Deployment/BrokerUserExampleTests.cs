using System.Text.RegularExpressions;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>k8s/examples/member-unit-broker-user.yaml grants what infra/broker-user.sh grants (ADR 0004).</summary>
public sealed partial class BrokerUserExampleTests
{
    [Test]
    public void The_kubernetes_broker_login_of_a_member_unit_has_the_local_scripts_permissions()
    {
        var documents = Yaml.Documents(Repository.Read("k8s/examples/member-unit-broker-user.yaml"));
        var permission = documents.Single(d => d.Text("kind") == "Permission");
        var user = documents.Single(d => d.Text("kind") == "User");
        var unit = Regex.Match(permission.Text("spec.permissions.read")!, @"^\^(.+)-\.\*\$$").Groups[1].Value;
        var script = SetPermissions().Match(Repository.Read("infra/broker-user.sh"));
        string Expected(string group) => script.Groups[group].Value.Replace("$unit", unit, StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(script.Success, "infra/broker-user.sh sets permissions with rabbitmqctl set_permissions");
            Assert.That(unit, Is.Not.Empty);
            Assert.That(permission.Text("spec.permissions.configure"), Is.EqualTo(Expected("configure")));
            Assert.That(permission.Text("spec.permissions.write"), Is.EqualTo(Expected("write")));
            Assert.That(permission.Text("spec.permissions.read"), Is.EqualTo(Expected("read")));
            Assert.That(permission.Text("spec.userReference.name"), Is.EqualTo(user.Text("metadata.name")));
        });
    }

    [GeneratedRegex(@"set_permissions -p ""\$vhost"" ""\$unit"" ""(?<configure>[^""]+)"" ""(?<write>[^""]+)"" ""(?<read>[^""]+)""")]
    private static partial Regex SetPermissions();
}
