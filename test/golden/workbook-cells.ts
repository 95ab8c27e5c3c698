import ExcelJS from 'exceljs';

/**
 * Every non-empty cell of every sheet as `{ sheet: { A1: value } }`: what a reader of the workbook
 * sees, not how it is styled. Dates become ISO strings; rich text becomes its plain text (its fonts
 * are styling); formulas, hyperlinks and errors stay as exceljs reads them ({formula, result},
 * {text, hyperlink}, {error}).
 */
export async function workbookCellValues(file: string): Promise<Record<string, Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets: Record<string, Record<string, unknown>> = {};
  for (const ws of wb.worksheets) {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells[cell.address] = plainCellValue(cell.value);
      }),
    );
    sheets[ws.name] = cells;
  }
  return sheets;
}

function plainCellValue(value: ExcelJS.CellValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  // Round-trip through JSON so nested Dates (a formula's date result) become ISO strings too.
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
