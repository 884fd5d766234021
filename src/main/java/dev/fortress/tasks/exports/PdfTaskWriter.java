package dev.fortress.tasks.exports;

import java.io.IOException;
import java.io.OutputStream;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * A landscape A4 PDF (OpenPDF) with a title and one table row per task. Rows are added in
 * chunks so that a big export does not hold the whole table in memory.
 */
class PdfTaskWriter implements TaskFileWriter {

	private static final String[] COLUMNS = { "Title", "Type", "Status", "Priority", "Category", "Assignee", "Due" };

	private static final int CHUNK = 200;

	private final Document document = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);

	private final Font cellFont = FontFactory.getFont(FontFactory.HELVETICA, 8);

	private PdfPTable table;

	private int rowsInTable;

	PdfTaskWriter(OutputStream out, String title) throws IOException {
		try {
			PdfWriter.getInstance(this.document, out);
			this.document.open();
			this.document.add(new Paragraph(title, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
			this.table = newTable();
		}
		catch (DocumentException ex) {
			throw new IOException("Cannot start the PDF", ex);
		}
	}

	@Override
	public void write(ExportRow row) throws IOException {
		for (String cell : new String[] { row.title(), row.type(), row.status(), row.priority(),
				orEmpty(row.category()), orEmpty(row.assignee()), orEmpty(row.dueDate()) }) {
			this.table.addCell(new Phrase(cell, this.cellFont));
		}
		if (++this.rowsInTable == CHUNK) {
			flushTable();
			this.table = newTable();
		}
	}

	@Override
	public void finish() throws IOException {
		flushTable();
		this.document.close();
	}

	private void flushTable() throws IOException {
		try {
			if (this.rowsInTable > 0) {
				this.document.add(this.table);
			}
			this.rowsInTable = 0;
		}
		catch (DocumentException ex) {
			throw new IOException("Cannot write the PDF", ex);
		}
	}

	private PdfPTable newTable() {
		PdfPTable next = new PdfPTable(COLUMNS.length);
		next.setWidthPercentage(100);
		next.setHeaderRows(1);
		Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
		for (String column : COLUMNS) {
			next.addCell(new Phrase(column, bold));
		}
		next.setHorizontalAlignment(Element.ALIGN_LEFT);
		return next;
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

}
