"""The 热词 list under the search box, and the public-term filter.

Which words the public must never see is decided elsewhere (the 敏感词 list
of the content checks).  search/ does not import that app; instead any app
registers a Wagtail hook that refuses terms:

    @hooks.register("search_refuse_public_term")
    def refuse_sensitive(terms):         # the terms about to be shown
        return [t for t in terms if ...] # those that must never be shown

The hook is asked at the moment a term would be shown (热词 and "您是不是要找"
suggestions), so a word added to the 敏感词 list hides matching terms at once.
"""

from wagtail import hooks

from .models import HotTerm

REFUSE_HOOK = "search_refuse_public_term"
HOT_TERMS_SHOWN = 8


def refused_public_terms(terms):
    """The subset of ``terms`` some registered filter refuses."""
    terms = list(terms)
    refused = set()
    if terms:
        for fn in hooks.get_hooks(REFUSE_HOOK):
            refused |= set(fn(terms))
    return refused


def public_term_allowed(term):
    return term not in refused_public_terms([term])


def hot_terms(limit=HOT_TERMS_SHOWN):
    """Approved 热词 that no filter refuses, in 研究室's order."""
    terms = list(HotTerm.objects.filter(approved=True).values_list("term", flat=True)[:limit * 3])
    refused = refused_public_terms(terms)
    return [t for t in terms if t not in refused][:limit]
