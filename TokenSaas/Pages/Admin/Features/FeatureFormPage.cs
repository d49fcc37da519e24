using TokenSaas.Features;

namespace TokenSaas.Pages.Admin.Features;

/// <summary>The feature form's pages (New, Edit): the form partial _Form takes either.</summary>
public abstract class FeatureFormPage(FeatureConsole console) : CatalogueFormPage<FeatureForm>
{
    public override string FormId => "feature-form";

    protected override string Area => "/admin/features";

    /// <summary>Analytics:Currency, in which a use's cost to us is entered.</summary>
    public string Currency => console.Currency;

    protected FeatureConsole Console => console;
}
