"""A reportlab Paragraph that breaks its lines once per width instead of once per look.

A table asks each cell's paragraph for its size when it measures rows, again when it splits at
a page end, and again when it draws: three identical line breakings per cell. In a daftar hadir
of 150 people that is most of the export's time; remembering the last result removes a third
of it, with the very same output.
"""

from __future__ import annotations

from reportlab.platypus.paragraph import Paragraph

_FUZZ = 1e-6


class Para(Paragraph):
    """Paragraph with its last wrap remembered (keyed by the available width)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self.__dict__.get("_wrap_memo")
        if memo is not None and memo[0] == availWidth:
            # reportlab drops blPara after drawing or measuring; put the remembered one back.
            _, self.width, self.height, self.blPara, self._wrapWidths = memo
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:
            self._wrap_memo = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return size
