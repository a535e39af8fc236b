"""Related objects a page has already read, set on the objects that point at them."""


def set_related(objects, field: str, candidates) -> None:
    """Set each object's foreign key `field` to the one of `candidates` it points at, so
    reading it costs no query: cheaper than joining it again (Django compiles every
    column of a join anew in each query). One not among them is left to load by itself."""
    by_pk = {candidate.pk: candidate for candidate in candidates}
    attname = f"{field}_id"
    for obj in objects:
        found = by_pk.get(getattr(obj, attname))
        if found is not None:
            setattr(obj, field, found)
