package ledger

// Op is a comparison in a record filter.
type Op int

const (
	OpIn       Op = iota // value is one of Values
	OpNotIn              // value is set and none of Values
	OpLE                 // value <= Values[0]
	OpGE                 // value >= Values[0]
	OpSet                // value is not empty
	OpEmpty              // value is empty
	OpDateLE             // date field <= the period's last day (as-of filters)
	OpAfterEnd           // date field empty or after the period's last day
	OpLEField            // field <= the field named in Values[0] (both set)
	OpWithin             // text field of 2 or more characters occurs inside the text Values[0]
)

// Cond is one condition of a record filter, declared in domain terms and
// translated to SQL by storage.
type Cond struct {
	Field  string
	Op     Op
	Values []any
}

// In matches records whose field is one of values.
func In(field string, values ...any) Cond { return Cond{field, OpIn, values} }

// NotIn matches records whose field is set and not one of values.
func NotIn(field string, values ...any) Cond { return Cond{field, OpNotIn, values} }

// Within matches records whose text field, at least 2 characters long,
// occurs somewhere inside text: the records a document names (the
// parties a public report must not show).
func Within(field, text string) Cond { return Cond{field, OpWithin, []any{text}} }

// LE matches records whose field is at most v.
func LE(field string, v any) Cond { return Cond{field, OpLE, []any{v}} }

// GE matches records whose field is at least v.
func GE(field string, v any) Cond { return Cond{field, OpGE, []any{v}} }

// Set matches records whose field has a value.
func Set(field string) Cond { return Cond{Field: field, Op: OpSet} }

// Empty matches records whose field has no value.
func Empty(field string) Cond { return Cond{Field: field, Op: OpEmpty} }

// OnOrBeforeEnd matches records whose date field is on or before the last
// day of the query's year (a catalogue "as of the end of Y").
func OnOrBeforeEnd(field string) Cond { return Cond{Field: field, Op: OpDateLE} }

// OpenAtEnd matches records whose date field is empty or after the last day
// of the query's year (not yet cancelled at the end of Y).
func OpenAtEnd(field string) Cond { return Cond{Field: field, Op: OpAfterEnd} }

// LEField matches records whose field is set and not after (not greater
// than) the other field: a case concluded by its due date.
func LEField(field, other string) Cond { return Cond{field, OpLEField, []any{other}} }

// Query selects records of one ledger.
type Query struct {
	Year      int    // 0: any year
	YearField string // the date or year field Year applies to; "" with Year set: any date field in Year
	// AsOf makes Year describe a point in time, the end of the year, for
	// stock figures (open cases, the catalogue in force): no record is
	// filtered by its dates falling in Year, only by the as-of conditions.
	AsOf bool
	Unit string // unit code: records owned by it or any unit below it
	// OwnerUnits, when not nil, keeps only records owned by one of these
	// units (the subtree of a unit in a past year's tree); it replaces Unit.
	OwnerUnits []string
	// Scope is the reader's data scope; storage refuses the zero Scope.
	Scope Scope
	// RecordUnits, when not nil, keeps only records kept by one of these
	// units (录入单位): the units whose 报送 was accepted. Empty: none.
	RecordUnits []string
	// Text keeps records any of whose text fields contains it (a list's
	// search box); "" for all. A sensitive field (sealed) matches only
	// Text as its whole value, and only when TextExact is set.
	Text string
	// TextExact, when not nil, lets Text match sensitive fields by their
	// whole value in the records whose reader sees them in clear: every
	// record for "", else the records kept by that unit (录入单位). Nil: a
	// reader who sees them masked must not learn whose they are.
	TextExact *string
	// Deleted selects deleted records (the tombstones a restore starts
	// from) instead of live ones.
	Deleted bool
	Conds   []Cond
	Limit   int
	Offset  int
	// NoTotal spares storage counting every match beyond Limit: the
	// total FindRecords returns is then only the number of records read.
	NoTotal    bool
	Descending bool   // newest first by the period field (default: by natural key)
	OrderBy    string // a field to sort by (then by natural key); Descending reverses it
}

// Aggregate is an aggregate over the records a query selects.
type Aggregate int

const (
	AggCount         Aggregate = iota // COUNT(*)
	AggCountDistinct                  // COUNT(DISTINCT field)
	AggSum                            // SUM(field); Decimal sums stay scaled
)

// AggItem is one aggregate of a batch over a ledger (storage computes a
// batch in one scan of the ledger's table): Agg over Field of the records
// Query selects. Every item of a batch shares the first item's scope (unit,
// owner units, data scope, record units, deleted); Query's year, as-of
// date and Conds are the item's own. Bucket narrows the aggregate further
// (one value of a grouped figure) without widening what the scan reads.
type AggItem struct {
	Query  Query
	Agg    Aggregate
	Field  string
	Bucket []Cond
}
