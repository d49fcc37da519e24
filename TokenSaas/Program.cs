using TokenSaas.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTokenSaas(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareAsync();
app.UseTokenSaas();
await app.RunAsync();

public partial class Program;
