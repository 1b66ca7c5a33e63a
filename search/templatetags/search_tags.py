from django import template

from ..hot_terms import hot_terms

register = template.Library()


@register.inclusion_tag("search/includes/hot_terms.html")
def search_hot_terms():
    """热词 under the search box (approved by 研究室, never a 敏感词)."""
    return {"terms": hot_terms()}
