"""State: the two-letter USPS codes of the states, DC and the territories.

A license is issued by one state's board, a practice operates in one or more
states, and payers open or close panels state by state, so credkit names a state
by its USPS code. Lower case is accepted (``State("ny")``); only ASCII letters are,
so that no other character is folded into a code (the long s of ``"\u017fc"``
upper-cases to ``S``, but it is not ``SC``).

Source: USPS Publication 28, Appendix B, "Two-Letter State and Possession
Abbreviations" (https://pe.usps.com/text/pub28/28apb.htm).

>>> State("ny"), State.NY.full_name
(<State.NY: 'NY'>, 'New York')
"""

from typing import Self

from credkit._convert import shown
from credkit._enum import CredkitEnum
from credkit.errors import InvalidIdentifier

__all__ = ["State"]


class State(CredkitEnum):
    """A USPS state or territory code; ``str`` gives the code.

    >>> str(State.CA), State("pr").full_name
    ('CA', 'Puerto Rico')
    """

    AL = "AL"
    AK = "AK"
    AZ = "AZ"
    AR = "AR"
    CA = "CA"
    CO = "CO"
    CT = "CT"
    DE = "DE"
    DC = "DC"
    FL = "FL"
    GA = "GA"
    HI = "HI"
    ID = "ID"
    IL = "IL"
    IN = "IN"
    IA = "IA"
    KS = "KS"
    KY = "KY"
    LA = "LA"
    ME = "ME"
    MD = "MD"
    MA = "MA"
    MI = "MI"
    MN = "MN"
    MS = "MS"
    MO = "MO"
    MT = "MT"
    NE = "NE"
    NV = "NV"
    NH = "NH"
    NJ = "NJ"
    NM = "NM"
    NY = "NY"
    NC = "NC"
    ND = "ND"
    OH = "OH"
    OK = "OK"
    OR = "OR"
    PA = "PA"
    RI = "RI"
    SC = "SC"
    SD = "SD"
    TN = "TN"
    TX = "TX"
    UT = "UT"
    VT = "VT"
    VA = "VA"
    WA = "WA"
    WV = "WV"
    WI = "WI"
    WY = "WY"
    AS = "AS"
    GU = "GU"
    MP = "MP"
    PR = "PR"
    VI = "VI"

    @property
    def full_name(self) -> str:
        """The state's or territory's name.

        >>> State.DC.full_name
        'District of Columbia'
        """
        return _NAMES[self]

    @classmethod
    def _missing_(cls, value: object) -> Self:
        # ASCII only, checked before upper-casing: the long s (U+017F) upper-cases to 'S' and
        # the dotless i (U+0131) to 'I', which would fold them into codes.
        if isinstance(value, str) and value.isascii() and value.upper() in cls.__members__:
            return cls[value.upper()]
        got = shown(value) if isinstance(value, str) else type(value).__name__
        if isinstance(value, str) and not value.isascii():
            raise InvalidIdentifier(
                f"{got} is not a USPS state or territory code: a code is two plain ASCII "
                "letters, such as 'NY' or 'PR'"
            )
        raise InvalidIdentifier(
            f"{got} is not a USPS state or territory code (such as 'NY' or 'PR')"
        )


_NAMES = {
    State.AL: "Alabama",
    State.AK: "Alaska",
    State.AZ: "Arizona",
    State.AR: "Arkansas",
    State.CA: "California",
    State.CO: "Colorado",
    State.CT: "Connecticut",
    State.DE: "Delaware",
    State.DC: "District of Columbia",
    State.FL: "Florida",
    State.GA: "Georgia",
    State.HI: "Hawaii",
    State.ID: "Idaho",
    State.IL: "Illinois",
    State.IN: "Indiana",
    State.IA: "Iowa",
    State.KS: "Kansas",
    State.KY: "Kentucky",
    State.LA: "Louisiana",
    State.ME: "Maine",
    State.MD: "Maryland",
    State.MA: "Massachusetts",
    State.MI: "Michigan",
    State.MN: "Minnesota",
    State.MS: "Mississippi",
    State.MO: "Missouri",
    State.MT: "Montana",
    State.NE: "Nebraska",
    State.NV: "Nevada",
    State.NH: "New Hampshire",
    State.NJ: "New Jersey",
    State.NM: "New Mexico",
    State.NY: "New York",
    State.NC: "North Carolina",
    State.ND: "North Dakota",
    State.OH: "Ohio",
    State.OK: "Oklahoma",
    State.OR: "Oregon",
    State.PA: "Pennsylvania",
    State.RI: "Rhode Island",
    State.SC: "South Carolina",
    State.SD: "South Dakota",
    State.TN: "Tennessee",
    State.TX: "Texas",
    State.UT: "Utah",
    State.VT: "Vermont",
    State.VA: "Virginia",
    State.WA: "Washington",
    State.WV: "West Virginia",
    State.WI: "Wisconsin",
    State.WY: "Wyoming",
    State.AS: "American Samoa",
    State.GU: "Guam",
    State.MP: "Northern Mariana Islands",
    State.PR: "Puerto Rico",
    State.VI: "U.S. Virgin Islands",
}
