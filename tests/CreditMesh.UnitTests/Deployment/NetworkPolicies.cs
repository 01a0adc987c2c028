using System.Globalization;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// A pod as NetworkPolicies see it: its namespace (with the label Kubernetes gives every namespace) and labels; or, with an
/// <see cref="Address"/>, a host outside the cluster (what ipBlock peers match; pods of the cluster have addresses in the private
/// ranges every ipBlock here excepts, so they never match one).
/// </summary>
public sealed record Pod(string Description, string Namespace, IReadOnlyDictionary<string, string> Labels, string? Address = null)
{
    public override string ToString() => Description;
}

/// <summary>
/// Decides whether the NetworkPolicies of a rendered overlay let one pod open a connection to another,
/// as Kubernetes does: a pod selected by some policy of a direction accepts only what one of them allows;
/// a connection needs the sender's egress and the receiver's ingress.
/// </summary>
public sealed class NetworkPolicies(IReadOnlyList<Manifest> manifests)
{
    private readonly List<Manifest> _policies = manifests.OfKind("NetworkPolicy").ToList();

    public IEnumerable<Manifest> All => _policies;

    public bool Allows(Pod from, Pod to, int port, string protocol = "TCP") =>
        DirectionAllows("Egress", "egress", "to", from, to, port, protocol)
        && DirectionAllows("Ingress", "ingress", "from", to, from, port, protocol);

    private bool DirectionAllows(string policyType, string rulesKey, string peersKey, Pod subject, Pod peer, int port, string protocol)
    {
        var applying = _policies.Where(p => Namespace(p) == subject.Namespace && p.Body.Labels("spec.podSelector.matchLabels").Selects(subject.Labels)
            && p.Body.TextsAt("spec.policyTypes").Contains(policyType)).ToList();
        if (applying.Count == 0) return true;
        return applying.SelectMany(p => p.Body.MapsAt($"spec.{rulesKey}").Select(rule => (Policy: p, Rule: rule)))
            .Any(r => PortMatches(r.Rule, port, protocol) && PeerMatches(r.Policy, r.Rule, peersKey, peer));
    }

    private static bool PortMatches(Dictionary<object, object?> rule, int port, string protocol)
    {
        var ports = rule.MapsAt("ports").ToList();
        return ports.Count == 0 || ports.Any(p =>
        {
            var first = int.Parse(p.Text("port")!, CultureInfo.InvariantCulture);
            var last = p.Text("endPort") is { } end ? int.Parse(end, CultureInfo.InvariantCulture) : first;
            return (p.Text("protocol") ?? "TCP") == protocol && port >= first && port <= last;
        });
    }

    private static bool PeerMatches(Manifest policy, Dictionary<object, object?> rule, string peersKey, Pod peer)
    {
        if (rule.At(peersKey) is null) return true;
        return rule.MapsAt(peersKey).Any(p =>
        {
            if (p.At("ipBlock") is not null)
                return peer.Address is { } address && InBlock(address, p.Text("ipBlock.cidr")!) && !p.TextsAt("ipBlock.except").Any(e => InBlock(address, e));
            if (peer.Address is not null) return false; // an outside host is reached only through an ipBlock
            var namespaceMatches = p.At("namespaceSelector") is null
                ? peer.Namespace == Namespace(policy)
                : p.Labels("namespaceSelector.matchLabels").Selects(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = peer.Namespace });
            var podMatches = p.At("podSelector") is null || p.Labels("podSelector.matchLabels").Selects(peer.Labels);
            return namespaceMatches && podMatches;
        });
    }

    private static string Namespace(Manifest manifest) => manifest.Body.Text("metadata.namespace") ?? "default";

    private static bool InBlock(string address, string cidr)
    {
        var (network, bits) = (cidr.Split('/')[0], int.Parse(cidr.Split('/')[1], CultureInfo.InvariantCulture));
        var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
        return (Ipv4(address) & mask) == (Ipv4(network) & mask);
    }

    private static uint Ipv4(string address) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Net.IPAddress.Parse(address).GetAddressBytes());
}
