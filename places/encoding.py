"""Content codings (br, gzip) negotiated from Accept-Encoding as RFC 9110 §12.5.3 says."""

import re

IDENTITY = "identity"
# A weight is 0 to 1 with at most three decimals (RFC 9110 §12.4.2); anything else is ignored.
WEIGHT = re.compile(r"q=(0(\.\d{0,3})?|1(\.0{0,3})?)", re.IGNORECASE)


def _weights(accept_encoding: str) -> dict[str, float]:
    """Each coding the request names, with its weight (1 when it gives none)."""
    weights = {}
    for item in accept_encoding.split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        weight = 1.0
        for parameter in parameters:
            if parameter[:2].lower() == "q=":
                match = WEIGHT.fullmatch(parameter)
                weight = float(match.group(1)) if match else -1.0
        if weight >= 0:
            weights[coding.lower()] = weight
    return weights


def negotiate(accept_encoding: str | None, *, available: tuple[str, ...]) -> str | None:
    """The coding to answer with: one of `available` (in our order of preference, which breaks
    ties of weight), "identity", or None when the request refuses every one of them (406).

    Codings we do not have are ignored; `*` stands for every coding the request does not
    name. No coding is needed unless the request refuses it ("identity;q=0", or "*;q=0"
    without "identity"): a request that names only codings we lack, or no header at all,
    gets the plain bytes.
    """
    if accept_encoding is None:
        return IDENTITY
    weights = _weights(accept_encoding)
    anything = weights.get("*")
    ranked = [(coding, weights.get(coding, anything or 0.0)) for coding in available]
    identity = weights.get(IDENTITY, anything)
    if identity is not None:
        ranked.append((IDENTITY, identity))
    best, best_weight = None, 0.0
    for coding, weight in ranked:
        if weight > best_weight:
            best, best_weight = coding, weight
    if best is not None:
        return best
    # Nothing is preferred: the plain bytes, unless they are refused too.
    return IDENTITY if identity is None else None
