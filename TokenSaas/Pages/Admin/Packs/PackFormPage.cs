using TokenSaas.Payments;

namespace TokenSaas.Pages.Admin.Packs;

/// <summary>The pack form's pages (New, Edit): the form partial _Form takes either.</summary>
public abstract class PackFormPage(PackEditor packs) : CatalogueFormPage<PackForm>
{
    public override string FormId => "pack-form";

    protected override string Area => "/admin/packs";

    protected PackEditor Packs => packs;

    /// <summary>The currencies the prices editor has a row for: those a gateway here can charge.</summary>
    public IReadOnlyList<string> Currencies => packs.Currencies.Order().ToList();
}
