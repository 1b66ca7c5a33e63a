def reply_published(sender, instance, **kwargs):
    """A reply goes live only at the end of its review: the letter is answered."""
    from .flow import reply_published as mark_answered

    mark_answered(instance, user=kwargs.get("user"))
