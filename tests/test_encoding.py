"""Accept-Encoding negotiated as RFC 9110 says: q-values, `*`, refusals, our preference."""

import pytest

from places.encoding import negotiate

OURS = ("br", "gzip")


@pytest.mark.parametrize(
    ("accept_encoding", "chosen"),
    [
        (None, "identity"),  # no header: nothing is asked for
        ("", "identity"),  # an empty header: no coding wanted
        ("gzip, deflate, br, zstd", "br"),  # what browsers send
        ("GZIP", "gzip"),  # codings are case-insensitive
        ("br;q=0, gzip", "gzip"),
        ("br; Q=0 , gzip", "gzip"),  # spaces and case around the weight
        ("gzip;q=0.5, br;q=0.8", "br"),
        ("gzip;q=0.5, br;q=0.5", "br"),  # a tie: our preference
        ("gzip;q=0.001", "gzip"),  # however little, still preferred to nothing named
        ("zstd", "identity"),  # a coding we do not have is ignored
        ("*", "br"),
        ("*;q=0.5, gzip", "gzip"),
        ("*;q=0.5, identity", "identity"),
        ("*;q=0, identity", "identity"),
        ("*;q=0, gzip;q=0.1", "gzip"),
        ("identity;q=0, gzip", "gzip"),
        ("gzip;q=0, br;q=0", "identity"),  # refused codings: the plain bytes
        ("gzip;q=2, br;q=abc", "identity"),  # weights out of the grammar are ignored
        ("gzip;q=0.5555", "identity"),
        (", ;q=1, gzip", "gzip"),  # empty items
        ("*;q=0", None),  # everything refused, identity too: 406
        ("identity;q=0", None),
        ("br;q=0, gzip;q=0, identity;q=0", None),
    ],
)
def test_the_coding_chosen_follows_rfc_9110(accept_encoding, chosen):
    assert negotiate(accept_encoding, available=OURS) == chosen


def test_only_the_codings_available_are_chosen():
    assert negotiate("br, gzip;q=0.5", available=("gzip",)) == "gzip"
    assert negotiate("br", available=("gzip",)) == "identity"
