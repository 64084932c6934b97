from PySide6.QtCore import Qt
from tests.helpers import window_fixture
from tests.ui import test_worklists as tw
from tests.ui.test_worklists import window  # noqa
warnings = window_fixture.warnings

def test_dbg(qtbot, window, warnings):
    win = window
    tw.choose(win, "suggested_dates")
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_F8)
    b = win.inspector.fields["confirm_date"]
    print("VIS", b.isVisible(), b.geometry(), win.inspector.form_host.geometry(), [ (k, w.geometry().height()) for k,w in win.inspector.fields.items()])
