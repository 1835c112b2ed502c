"""837P files to service lines: reading and validating with pyx12 (the ``x12`` extra).

:func:`read_837p` reads the text of an X12 837 professional claim file, version
005010X222A1, and gives one :class:`~credkit.ServiceLine` for each service line
(loop 2400). pyx12 does the X12 work: it splits the file with the separators its
ISA segment declares, walks the 837P's loops with the implementation guide's map,
and validates every segment; credkit only picks the fields it checks out of the
loops pyx12 names. A file pyx12 finds wrong, or that is not an 837P of that
version, gives :class:`~credkit.InvalidData` listing each problem with the position
of its segment in the file (the first segment, ``ISA``, is segment 1).

Install the extra with ``pip install 'credkit[x12]'``.
"""

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from credkit._convert import describe
from credkit.errors import CredkitError, InvalidData, InvalidValue
from credkit.identifiers import EIN, NPI, SSN, State
from credkit.service_line import ServiceLine

__all__ = ["VERSION", "read_837p"]

VERSION = "005010X222A1"
"""The 837P version read: the HIPAA 5010 professional claim, with its first addenda."""

# Problems listed in one InvalidData at most: past that, the file is not close to valid.
_MOST_PROBLEMS = 50


def _pyx12() -> Any:
    """The pyx12 modules read_837p uses, or an error naming the extra that installs them."""
    try:
        import pyx12.errors  # noqa: PLC0415 - the optional extra, imported only when used
        import pyx12.params  # noqa: PLC0415
        import pyx12.x12context  # noqa: PLC0415
    except ImportError:
        raise CredkitError("reading 837P files needs pyx12: pip install 'credkit[x12]'") from None
    return pyx12


def read_837p(text: str) -> Iterator[ServiceLine]:
    """Read an 837P (005010X222A1) file's text: one :class:`~credkit.ServiceLine` per loop 2400.

    Each line carries its claim's id (CLM01) and its number (LX01); the billing
    provider's NPI (2010AA NM109) and tax id (REF*EI as an EIN, REF*SY as an SSN);
    the pay-to address (2010AB) if given; the rendering provider's NPI (2420A, else
    2310B, else none: the billing provider rendered); the payer's id and name
    (2010BB NM109 and NM103); the date or dates of service (DTP*472, D8 or RD8);
    the procedure code and modifiers (SV101), the charge (SV102), the place of
    service (SV105, else CLM05-1) and the state of service (2310C N4-02, else
    2010AA N4-02). A file may hold several interchanges, groups, transaction sets,
    billing providers, subscribers and claims, with any separators its ISA
    declares, and segments on one line or one per line.

    Lines are given lazily, an interchange (ISA to IEA) at a time, and only once
    pyx12 has validated that whole interchange: a problem anywhere in an
    interchange raises :class:`~credkit.InvalidData` before any of its lines is
    given.

    >>> from credkit.x12 import read_837p
    >>> next(read_837p("not an X12 file"))
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidData: 1 problem in the data
      segment 1: not an X12 file: First line does not begin with 'ISA': not
    """
    if not isinstance(text, str):
        raise InvalidValue(f"read_837p: expected the file's text as a string, got {describe(text)}")
    return _read(text, _pyx12())


class _NotAn837P(InvalidValue):
    """An envelope naming another transaction or version: nothing after it is read."""


class _Problems:
    """A pyx12 error handler that keeps each problem with the position of its segment.

    pyx12 reports problems to an error handler as it reads; this one implements the
    calls pyx12's reader makes and keeps what they say, as ``segment N (ID): ...``.
    """

    def __init__(self) -> None:
        self.found: list[str] = []
        self.position = 0  # the segment being read, counted from 1 over the file
        self.segment = ""  # its id, once pyx12 has read it
        self.ended = False  # whether the file has been read to its end
        self.source: Any = None  # pyx12's reader, which counts the segments
        self.id = "ROOT"
        self.cur_line = 0

    def note(self, message: str, position: int | None = None) -> None:
        current = self.source.get_cur_line() if self.source is not None else self.position
        if self.ended and position is None:
            where = f"the file ends after segment {current}"
        elif position is None or (position == current and not self.ended):
            where = f"segment {current} ({self.segment})" if self.segment else f"segment {current}"
        else:
            where = f"segment {position}"
        self.found.append(f"{where}: {message}")

    # The error handler's calls, as pyx12's reader makes them.
    def isa_error(self, err_cde: str, err_str: str) -> None:
        self.note(err_str)

    def gs_error(self, err_cde: str, err_str: str) -> None:
        self.note(err_str)

    def st_error(self, err_cde: str, err_str: str) -> None:
        self.note(err_str)

    def seg_error(
        self, err_cde: str, err_str: str, err_value: str | None = None, src_line: int | None = None
    ) -> None:
        self.note(err_str, src_line)

    def ele_error(
        self, err_cde: str, err_str: str, bad_value: str | None, refdes: str | None = None
    ) -> None:
        self.note(f"{refdes}: {err_str}" if refdes else err_str)

    def handle_errors(self, err_list: list[tuple[str, str, str, Any, int | None]]) -> None:
        for _kind, _code, message, _value, src_line in err_list:
            self.note(message, src_line)

    # pyx12 names the envelope segment it is about to validate: problems in it name it too.
    def add_isa_loop(self, seg: Any, src: Any) -> None:
        self.segment = seg.get_seg_id()

    def add_gs_loop(self, seg: Any, src: Any) -> None:
        self.segment = seg.get_seg_id()

    def add_st_loop(self, seg: Any, src: Any) -> None:
        self.segment = seg.get_seg_id()

    def add_seg(self, map_node: Any, seg: Any, seg_count: int, cur_line: int, ls_id: Any) -> None:
        # Not always the segment read: pyx12 also names a missing one here.
        pass

    def add_ele(self, map_node: Any) -> None:
        pass

    def close_isa_loop(self, node: Any, seg: Any, src: Any) -> None:
        pass

    def close_gs_loop(self, node: Any, seg: Any, src: Any) -> None:
        pass

    def close_st_loop(self, node: Any, seg: Any, src: Any) -> None:
        pass

    def get_error_count(self) -> int:
        return len(self.found)


class _Line:
    """A service line being read: what its loop 2400 has given so far."""

    def __init__(self, number: str, position: int) -> None:
        self.number = number
        self.position = position
        self.service: str | None = None
        self.modifiers: tuple[str, ...] = ()
        self.charge: Decimal | None = None
        self.place: str | None = None
        self.dates: tuple[date, date] | None = None
        self.rendering: NPI | None = None


class _Reader:
    """The loops read so far, and the service lines finished in the current interchange."""

    def __init__(self, problems: _Problems) -> None:
        self.problems = problems
        self.lines: list[ServiceLine] = []
        self.in_interchange = False
        self.billing_provider()
        self.subscriber()
        self.claim()
        self.line: _Line | None = None

    # --- context, reset as each loop starts -------------------------------------------

    def billing_provider(self) -> None:
        self.billing_npi: NPI | None = None
        self.tax_id: EIN | SSN | None = None
        self.billing_state: State | None = None
        self.pay_to: list[str] = []

    def subscriber(self) -> None:
        self.payer_id: str | None = None
        self.payer_name: str | None = None

    def claim(self, claim_id: str | None = None, place: str | None = None) -> None:
        self.claim_id = claim_id
        self.claim_place = place
        self.claim_rendering: NPI | None = None
        self.facility_state: State | None = None
        self.claim_lines = 0
        self.claim_position = self.problems.position

    # --- segments ------------------------------------------------------------------------

    def segment(self, loop: str, seg_id: str, seg: Any) -> None:
        """Take what credkit reads from one segment of loop ``loop``."""
        value = seg.get_value
        if seg_id in ("ISA", "GS", "ST", "IEA"):
            self.envelope_segment(seg_id, value)
        elif seg_id in ("HL", "CLM", "SE"):
            self.end_line()
            self.end_claim()
            if seg_id == "CLM":
                self.claim(value("CLM01"), value("CLM05-1") or None)
            elif seg_id == "HL":
                self.claim()
                if loop == "2000A":
                    self.billing_provider()
                elif loop == "2000B":
                    self.subscriber()
        elif loop == "2010AA":
            self.billing_segment(seg_id, value)
        elif loop == "2010AB" and seg_id in ("N3", "N4"):
            self.pay_to.extend(part for part in _elements(seg, seg_id, 3) if part)
        elif loop == "2010BB" and seg_id == "NM1":
            self.payer_name = value("NM103") or None
            self.payer_id = value("NM109")
        elif loop == "2310B" and seg_id == "NM1":
            self.claim_rendering = _npi(value("NM109"), "rendering provider (2310B NM109)")
        elif loop == "2310C" and seg_id == "N4":
            self.facility_state = _state(value("N402"), "service facility state (2310C N4-02)")
        elif loop == "2400" or loop.startswith("24"):
            self.line_segment(loop, seg_id, value)

    def envelope_segment(self, seg_id: str, value: Any) -> None:
        if seg_id == "ISA":
            self.envelope("ISA12", value("ISA12"), "00501", "interchange version")
            self.in_interchange = True
        elif seg_id == "GS":
            self.envelope("GS01", value("GS01"), "HC", "functional group (HC: health care claims)")
            self.envelope("GS08", value("GS08"), VERSION, "version")
        elif seg_id == "ST":
            self.envelope("ST01", value("ST01"), "837", "transaction set")
            self.envelope("ST03", value("ST03"), VERSION, "version")
        else:
            self.in_interchange = False

    def envelope(self, element: str, found: str | None, expected: str, what: str) -> None:
        if found != expected:
            raise _NotAn837P(
                f"{element} gives {what} {found!r}; credkit reads 837P files of version "
                f"{VERSION} (interchange 00501, group HC, transaction set 837) only"
            )

    def billing_segment(self, seg_id: str, value: Any) -> None:
        if seg_id == "NM1":
            self.billing_npi = _npi(value("NM109"), "billing provider (2010AA NM109)")
        elif seg_id == "N4":
            self.billing_state = _state(value("N402"), "billing provider state (2010AA N4-02)")
        elif seg_id == "REF" and value("REF01") in ("EI", "SY"):
            digits = value("REF02") or ""
            kind = EIN if value("REF01") == "EI" else SSN
            try:
                self.tax_id = kind(digits)
            except CredkitError as error:
                raise InvalidValue(f"billing provider tax id (2010AA REF02): {error}") from None

    def line_segment(self, loop: str, seg_id: str, value: Any) -> None:
        if loop == "2400" and seg_id == "LX":
            self.end_line()
            self.line = _Line(value("LX01") or "", self.problems.position)
            self.claim_lines += 1
            return
        line = self.line
        if line is None:  # pyx12 reports a 2400 segment out of place
            return
        if loop == "2400" and seg_id == "SV1":
            line.service = value("SV101-2")
            line.modifiers = tuple(
                modifier
                for modifier in (value(f"SV101-{index}") for index in range(3, 7))
                if modifier
            )
            line.charge = _money(value("SV102"), "line charge (SV102)")
            line.place = value("SV105") or None
        elif loop == "2400" and seg_id == "DTP" and value("DTP01") == "472":
            line.dates = _dates(value("DTP02"), value("DTP03"))
        elif loop == "2420A" and seg_id == "NM1":
            line.rendering = _npi(value("NM109"), "rendering provider (2420A NM109)")

    # --- finishing lines and claims ----------------------------------------------------

    def end_line(self) -> None:
        line, self.line = self.line, None
        if line is None:
            return
        missing = [
            what
            for what, found in (
                ("a claim (CLM)", self.claim_id),
                ("a billing provider NPI (2010AA NM109)", self.billing_npi),
                ("a billing provider tax id (2010AA REF*EI or REF*SY)", self.tax_id),
                ("a payer id (2010BB NM109)", self.payer_id),
                ("a procedure and charge (SV1)", line.service and line.charge is not None),
                ("a date of service (DTP*472)", line.dates),
            )
            if not found
        ]
        if missing:
            self.problems.note(
                f"service line {line.number} of claim {self.claim_id} has no "
                + ", no ".join(item.removeprefix("a ") for item in missing),
                line.position,
            )
            return
        # Checked above, with the other required parts.
        assert line.dates is not None
        assert self.claim_id is not None
        try:
            self.lines.append(
                ServiceLine(
                    claim_id=self.claim_id,
                    line=_number(line.number),
                    billing_npi=self.billing_npi,
                    tax_id=self.tax_id,
                    pay_to=", ".join(self.pay_to) or None,
                    rendering_npi=line.rendering or self.claim_rendering,
                    payer_id=self.payer_id,
                    payer_name=self.payer_name,
                    service_from=line.dates[0],
                    service_to=line.dates[1],
                    service=line.service,
                    modifiers=line.modifiers,
                    charge=line.charge,
                    place_of_service=line.place or self.claim_place,
                    state=self.facility_state or self.billing_state,
                )
            )
        except CredkitError as error:
            self.problems.note(
                f"service line {line.number} of claim {self.claim_id}: {error}", line.position
            )

    def end_claim(self) -> None:
        if self.claim_id is not None and not self.claim_lines:
            self.problems.note(
                f"claim {self.claim_id} has no service line (loop 2400)", self.claim_position
            )
        self.claim_id = None


def _elements(seg: Any, seg_id: str, count: int) -> list[str]:
    return [seg.get_value(f"{seg_id}{index:02d}") or "" for index in range(1, count + 1)]


def _npi(value: str | None, what: str) -> NPI:
    try:
        return NPI(value or "")
    except CredkitError as error:
        raise InvalidValue(f"{what}: {error}") from None


def _state(value: str | None, what: str) -> State:
    try:
        return State(value or "")
    except (CredkitError, ValueError):
        raise InvalidValue(f"{what}: {value!r} is not a USPS state code") from None


def _money(value: str | None, what: str) -> Decimal:
    try:
        return Decimal(value or "")
    except InvalidOperation:
        raise InvalidValue(f"{what}: {value!r} is not an amount") from None


def _number(value: str) -> int:
    if not value.isdigit():
        raise InvalidValue(f"the line number (LX01) {value!r} is not a number")
    return int(value)


def _day(text: str) -> date:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidValue(f"{text!r} is not a date written CCYYMMDD") from None


def _dates(qualifier: str | None, value: str | None) -> tuple[date, date]:
    """A date of service (D8) or a range of dates (RD8), as first and last day."""
    text = value or ""
    if qualifier == "D8" and len(text) == 8:
        day = _day(text)
        return day, day
    if qualifier == "RD8" and len(text) == 17 and text[8] == "-":
        return _day(text[:8]), _day(text[9:])
    raise InvalidValue(
        f"the date of service (DTP*472) is {qualifier!r} {text!r}: expected D8 CCYYMMDD "
        "or RD8 CCYYMMDD-CCYYMMDD"
    )


def _read(text: str, pyx12: Any) -> Iterator[ServiceLine]:
    problems = _Problems()
    try:
        context = pyx12.x12context.X12ContextReader(
            pyx12.params.params(), problems, io.StringIO(text)
        )
    except pyx12.errors.X12Error as error:
        raise InvalidData([f"segment 1: not an X12 file: {error}"]) from None
    reader = _Reader(problems)
    source = problems.source = context.src
    with context:
        try:
            for node in context.iter_segments():
                problems.position = source.get_cur_line()
                problems.segment = node.id
                if not _take(context, node, reader):
                    break
                if node.id == "IEA":
                    finished, reader.lines = reader.lines, []
                    yield from finished
                problems.segment = ""
            else:
                problems.ended = True
                reader.end_line()
                reader.end_claim()
                source.cleanup()
                problems.handle_errors(source.pop_errors())
                if reader.in_interchange and not problems.found:
                    problems.note("it ends inside an interchange, with no IEA segment")
        except (pyx12.errors.X12Error, pyx12.errors.EngineError) as error:
            problems.position = source.get_cur_line()
            problems.note(f"pyx12 cannot read on: {error}")
    if problems.found:
        raise InvalidData(problems.found)


def _take(context: Any, node: Any, reader: _Reader) -> bool:
    """Read one segment pyx12 has placed; whether to read on (no problem that ends the reading)."""
    problems = reader.problems
    seg_id = node.id
    if seg_id == "ISA":
        # pyx12's context reader counts each interchange's IEA against one running
        # count, so a second interchange would exceed it; start the count afresh at
        # each ISA, as pyx12's own validator does.
        context.walker.forceWalkCounterToLoopStart("/ISA_LOOP", "/ISA_LOOP/ISA")
    segment = node.seg_data
    # A segment pyx12 could not place in the 837P's map is reported, and left unread:
    # its node is the map's previous segment.
    if segment.get_seg_id() == node.x12_map_node.id:
        try:
            reader.segment(node.x12_map_node.parent.id, seg_id, segment)
        except _NotAn837P as error:
            problems.note(error.rule)
            return False
        except InvalidValue as error:
            problems.note(error.rule)
    # An interchange with problems is not given; nor is anything after it.
    return len(problems.found) < _MOST_PROBLEMS and not (seg_id == "IEA" and problems.found)
