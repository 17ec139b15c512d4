"""The macOS app's Info.plist: .laa is laadesk's own document type (the .app itself is built on macOS only)."""

from __future__ import annotations

import plistlib

from installers import product


def test_the_info_plist_declares_laa_workbooks_as_laadesk_documents() -> None:
    plist = plistlib.loads(plistlib.dumps(product.mac_info_plist()))  # what the .app's Info.plist will hold
    document = plist["CFBundleDocumentTypes"][0]
    exported = plist["UTExportedTypeDeclarations"][0]
    assert document["LSItemContentTypes"] == [exported["UTTypeIdentifier"]] == [product.WORKBOOK_UTI]
    assert document["CFBundleTypeRole"] == "Editor" and document["LSHandlerRank"] == "Owner"
    tags = exported["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [product.WORKBOOK_EXTENSION]
    assert tags["public.mime-type"] == [product.WORKBOOK_MIME_TYPE]
    assert "public.data" in exported["UTTypeConformsTo"]
    assert plist["CFBundleShortVersionString"] == product.version()
    assert document["CFBundleTypeIconFile"] == f"{product.NAME}.icns"  # BUNDLE copies the icon by that name
