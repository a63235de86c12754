"""The reading stage: a document's blocks to the six template sections, by evidence.

``segment(document)`` scores every heading candidate against each template section by what
it says and by what follows it, decides with one global assignment that keeps the
template's order as a prior, and records how the report was read (:mod:`.reading`).
"""

from .reading import Reading, SectionReading, Segmented
from .sections import segment

__all__ = ["Reading", "SectionReading", "Segmented", "segment"]
