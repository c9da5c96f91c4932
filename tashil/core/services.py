"""Core's own events: a person choosing which saved views their daily digest carries."""


def put_in_digest(view, user):
    """Carry ``view`` in ``user``'s daily digest: the owner's own choice on the view, a colleague's their own
    (a shared view the colleague sees, fetched through the scope helper; choosing it changes nothing of it for
    anyone else)."""
    if view.owner_id == user.pk:
        view.in_digest = True
        view.save(update_fields=["in_digest", "updated"])
    else:
        view.digest_readers.add(user)
    return view


def take_out_of_digest(view, user):
    """Leave ``view`` out of ``user``'s daily digest (the owner's and each colleague's choice apart)."""
    if view.owner_id == user.pk:
        view.in_digest = False
        view.save(update_fields=["in_digest", "updated"])
    else:
        view.digest_readers.remove(user)
    return view
