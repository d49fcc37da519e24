using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using TokenSaas.Payments;
using TokenSaas.Payments.Sandbox;

namespace TokenSaas.Tests.Payments;

public sealed class SandboxGatewayTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Staging", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, false)]
    public void The_sandbox_is_refused_in_production_unless_enabled(string environment, bool? enabled, bool expected)
    {
        var options = Options.Create(new PaymentsOptions { Sandbox = new PaymentsOptions.SandboxOptions { Enabled = enabled } });
        var host = new HostingEnvironment { EnvironmentName = environment };

        Assert.Equal(expected, new SandboxGateway(options, host).Enabled);
    }
}
