// Package gongwen renders official documents (公文) laid out per
// GB/T 9704-2012 as DOCX, converts them to PDF with LibreOffice, and checks
// any DOCX against the layout rules of the standard. Only the standard
// library is used.
//
// Writing: fill a Document (pure data) and call WriteDOCX. The package is
// hand-written WordprocessingML: static parts in parts/ (styles with
// Chinese names such as 公文正文, 公文标题, 一级标题; odd/even footers with
// "— N —"), document.xml generated with every text XML-escaped. Fonts are
// written under their official names (仿宋_GB2312, 楷体_GB2312, 黑体,
// 方正小标宋简体, 宋体; Latin and digits Times New Roman).
//
// Layout choices measured with LibreOffice 7.4 (see docs/gongwen.md):
//   - 22 lines: exact 579-twip lines on a type="lines" grid; the 版头 is
//     sized in whole grid lines so page 1's body stays on the grid.
//   - 28 characters: a 98% horizontal scale in docDefaults (28 × 15.68 pt
//     fits 442.25 pt), which Word, WPS and LibreOffice all honour. A
//     linesAndChars grid gives 16-19 characters in LibreOffice, and a
//     −0.25 pt spacing makes it drop punctuation that hangs past the
//     margin from the PDF. The downloaded DOCX is the file converted to
//     PDF (docs/gongwen-office-suites.md).
//   - 版记: one frame per line (LibreOffice merges framed paragraphs only
//     when their borders are equal), the 印发 line aligned to the bottom
//     of the text area and the 抄送 line placed right above it.
//
// PDF: ConvertPDF runs soffice headless with a private profile and a
// generated fontconfig file mapping the official names to free fonts
// (FandolFang, FandolKai, Noto CJK, Liberation Serif). install-fonts.sh
// installs all of it on Debian. FAZHI_FONT_DIR adds font directories (for
// licensed fonts); the PDF tests run only with FAZHI_REQUIRE_LIBREOFFICE=1
// (as in CI, where a missing LibreOffice fails them) and honour
// GONGWEN_DUMP=dir (keep the rendered DOCX and PDF).
//
// Checking: Check, CheckFile and Inspect read any DOCX, resolve effective
// properties (docDefaults, styles and their basedOn chains, character
// styles, direct formatting, theme fonts) and report violations with the
// clause they break, plus the measured facts in a Report.
package gongwen
