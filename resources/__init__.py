"""Data files shipped with the app: the seed clause library, icons, translations, Word styles."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent
SEED_FILES = (RESOURCES / "seed" / "ecommerce_cs_outsourcing_2024.txt",)
