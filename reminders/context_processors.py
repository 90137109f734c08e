def reminders(request):
    """The number of open reminders for the navigation, counted only if a template asks.

    Templates call a callable on lookup, so pages without the professionals' navigation
    (families, anonymous visitors, emails) do not pay for the query.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_professional:
        return {}

    cache = {}

    def count():
        if "n" not in cache:
            from .selectors import open_reminder_count

            cache["n"] = open_reminder_count(user)
        return cache["n"]

    return {"open_reminder_count": count}
