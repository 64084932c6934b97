"""Screenshots of File > Import from URL with addresses typed (one that cannot be fetched),
and of the question for an encrypted PDF's password after a wrong one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/import_url_screenshot.py

Writes docs/img/import-url.png and docs/img/pdf-password.png. Nothing is fetched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

ADDRESSES = (
    "https://www.example.org/news/2025/03/04/bridge-plan-delayed",
    "https://www.example.org/reports/port-authority-2024.pdf",
    "https://www.example.org/feeds/harbour.rss",
    "ftp://files.example.org/minutes-march.pdf",
)


def main() -> int:
    from annotator.ui.dialogs.url_import import UrlImportDialog

    app = QApplication.instance() or QApplication(sys.argv)
    dialog = UrlImportDialog()
    dialog.addresses.setPlainText("\n".join(ADDRESSES))
    dialog.resize(640, dialog.sizeHint().height())
    dialog.show()
    for _ in range(5):
        app.processEvents()
    out = ROOT / "docs" / "img" / "import-url.png"
    dialog.grab().save(str(out))
    print(out)

    from annotator.ui.window.import_worker import password_dialog

    asking = password_dialog(None, "board-minutes-march.pdf", wrong=True)
    asking.setTextValue("harbour")
    asking.show()
    for _ in range(5):
        app.processEvents()
    out = ROOT / "docs" / "img" / "pdf-password.png"
    asking.grab().save(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
