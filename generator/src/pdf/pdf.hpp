#pragma once
#include <diag/diagnostic.hpp>
#include <outputs/outputs.hpp>

#include <string>
#include <vector>

/// PDFs of the print pages, printed by headless Chromium (docs/print.md).
namespace tsu::pdf {

/// The browser to print with: $TSUTAWARU_CHROMIUM, else `chromium` on the PATH; empty
/// when there is none.
std::string find_chromium();

/// Prints every print page among files (goal-N/print/index.html, print/index.html) to a
/// PDF beside it (goal-N/print/goal-N.pdf, print/plan.pdf) and adds the PDFs to files. The
/// pages are printed from a temporary folder holding the rendered files, so the output
/// folder is only ever changed by the staged write that follows. Reports an error when
/// Chromium is missing or fails.
bool print_pdfs(std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags);

/// The PDF's path for a print page: "goal-1/print/index.html" → "goal-1/print/goal-1.pdf",
/// "print/index.html" → "print/plan.pdf".
std::string pdf_path(const std::string& print_page);

}  // namespace tsu::pdf
