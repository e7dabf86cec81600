"""ovnnotes: the OVN community meeting notes as structured, validated, exportable data."""

__version__ = "0.1.0"
