using System.Net;

namespace TokenSaas.Infrastructure;

/// <summary>The caller's address as people read it (IPv4 without the ::ffff: prefix).</summary>
public static class ClientAddress
{
    public static string? Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string? Of(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
