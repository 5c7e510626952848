package ledger

import "fazhi/ident"

// NormdocStatuses are the states of a normative document in the library
// (现行有效 / 修改 / 废止 / 失效, plus documents taken out of 规范性文件 management by a cleanup).
var NormdocStatuses = []string{"有效", "已修改", "废止", "失效", "不再作为规范性文件管理"}

// Normdoc is the 行政规范性文件 ledger: drafting, 合法性审核, 集体审议,
// publication and 备案 of each document (国办发〔2018〕37号, 国办发〔2018〕115号).
var Normdoc = func() *Definition {
	d := &Definition{
		ID:      "normdoc",
		Public:  true,
		Name:    "行政规范性文件",
		Key:     []string{"doc_no"},
		Owner:   "issuer",
		Central: true,
		Fields: []Field{
			{Name: "doc_no", Label: "文号", Type: Text, Required: true, Normalize: normalizeDocNo, Check: ident.CheckDocNumber, Note: "如 偃政〔2022〕5号", Synonyms: []string{"发文字号", "文件编号", "发文号"}},
			{Name: "title", Label: "标题", Type: Text, Required: true, Synonyms: []string{"文件名称", "文件标题", "名称"}},
			{Name: "issuer", Label: "制定机关", Type: UnitRef, Required: true, Synonyms: []string{"发文机关", "制发机关", "发布机关"}},
			{Name: "drafter", Label: "起草单位", Type: UnitRef},
			{Name: "legality_reviewed_on", Label: "合法性审核日期", Type: Date},
			{Name: "legality_opinion", Label: "审核意见", Type: Text},
			{Name: "deliberated_on", Label: "集体审议日期", Type: Date},
			{Name: "published_on", Label: "公布日期", Type: Date, Required: true, Synonyms: []string{"发布日期", "印发日期", "发文日期", "公布时间"}},
			{Name: "effective_on", Label: "施行日期", Type: Date},
			{Name: "validity_years", Label: "有效期（年）", Type: Int, Min: int64p(1)},
			{Name: "filed_on", Label: "报送备案日期", Type: Date, Synonyms: []string{"报备日期", "备案报送日期", "报送备案时间"}},
			{Name: "filing_authority", Label: "备案机关", Type: Text},
			{Name: "filing_result", Label: "备案审查结果", Type: Text},
			{Name: "status", Label: "状态", Type: Enum, Required: true, Enum: NormdocStatuses, Values: normdocStatusValues, Synonyms: []string{"效力状态", "文件状态"}},
			{Name: "filing_due_on", Label: "备案期限", Type: Date, Derived: true, Note: "自动计算：公布之日起报送备案的期限"},
			{Name: "expires_on", Label: "有效期至", Type: Date, Derived: true, Note: "自动计算：施行（或公布）之日起按有效期计算"},
		},
		Deadlines: []Deadline{
			// 国发〔2008〕17号: 市县 documents are filed within 15 days of publication (configurable).
			{Rule: "normdoc.filing", From: "published_on", Due: "filing_due_on", Done: "filed_on"},
			// Validity years (configurable; common practice ≤5 years): the document lapses unless renewed.
			{Rule: "normdoc.expiry", From: "effective_on", Due: "expires_on", Period: "validity_years",
				Closed: func(r Record) bool { return r.String("status") != "有效" && r.String("status") != "已修改" }},
		},
	}
	d.Checks = []RecordCheck{
		dateOrder(d, "legality_reviewed_on", "deliberated_on"),
		dateOrder(d, "legality_reviewed_on", "published_on"),
		dateOrder(d, "published_on", "effective_on"),
		dateOrder(d, "published_on", "filed_on"),
	}
	return register(d)
}()

// CleanupConclusions are the results a cleanup records per document.
// CleanupPending marks a document listed by `fazhi cleanup open` and not yet
// concluded; a batch cannot be published while any document is pending.
var CleanupConclusions = []string{"继续有效", "修改", "废止", "宣布失效", "不再作为规范性文件管理", CleanupPending}

// CleanupPending is the 清理结论 of a document not yet reviewed.
const CleanupPending = "待定"

// NormdocCleanup is the 规范性文件清理 ledger: one conclusion per document
// and cleanup batch (国发〔2010〕33号 calls for a cleanup every two years).
var NormdocCleanup = func() *Definition {
	d := &Definition{
		ID:      "normdoc_cleanup",
		Name:    "规范性文件清理",
		Key:     []string{"batch", "doc_no"},
		Owner:   "issuer",
		Central: true,
		Fields: []Field{
			{Name: "batch", Label: "清理批次", Type: Text, Required: true, Note: "如 2022年规范性文件专项清理"},
			{Name: "doc_no", Label: "文号", Type: Text, Required: true, Normalize: normalizeDocNo, Check: ident.CheckDocNumber},
			{Name: "title", Label: "标题", Type: Text},
			{Name: "issuer", Label: "制定机关", Type: UnitRef},
			{Name: "published_on", Label: "公布日期", Type: Date},
			{Name: "conclusion", Label: "清理结论", Type: Enum, Required: true, Enum: CleanupConclusions},
			{Name: "reason", Label: "理由", Type: Text},
			{Name: "decision_no", Label: "决定文号", Type: Text, Normalize: normalizeDocNo, Check: ident.CheckDocNumber},
			{Name: "decision_published_on", Label: "决定公布日期", Type: Date},
		},
	}
	d.Checks = []RecordCheck{dateOrder(d, "published_on", "decision_published_on")}
	return register(d)
}()
