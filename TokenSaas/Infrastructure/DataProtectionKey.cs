namespace TokenSaas.Infrastructure;

/// <summary>One data-protection key as ASP.NET Core writes it (an XML element), shared by every instance through the database.</summary>
public sealed class DataProtectionKey
{
    private DataProtectionKey()
    {
        FriendlyName = Xml = string.Empty;
    }

    public DataProtectionKey(string friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }

    public long Id { get; private set; }

    public string FriendlyName { get; private set; }

    public string Xml { get; private set; }
}
