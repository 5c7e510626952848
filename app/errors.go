package app

import (
	"errors"
	"fmt"

	"fazhi/store"
)

// Code classifies an error of a use case; the CLI and HTTP translate it
// (exit status, HTTP status) and show its Chinese message as it is.
type Code string

const (
	Invalid         Code = "invalid"         // bad input: a value, a flag, a file (HTTP 400)
	NotFound        Code = "not_found"       // no such record, account, ledger (404)
	Conflict        Code = "conflict"        // a taken or deleted key, a stale edit (409)
	Forbidden       Code = "forbidden"       // outside the actor's role or data scope (403)
	Unauthenticated Code = "unauthenticated" // no actor, a wrong password, a disabled account (401)
	TooMany         Code = "too_many"        // a locked account or a throttled address at login (429)
	Internal        Code = "internal"        // anything else: storage, disk
)

// Error is a use case's error: a code and a Chinese message that names no
// command-line flag or HTTP parameter.
type Error struct {
	Code Code
	Msg  string
	Err  error // the cause, if any
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

func errorf(c Code, format string, args ...any) error {
	return &Error{Code: c, Msg: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of err: the code of an *Error in its chain, the
// kind of a storage refusal, or Internal.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var se *store.SaveError
	if errors.As(err, &se) {
		return kindCode(se.Kind())
	}
	var re store.RecordError
	if errors.As(err, &re) {
		return kindCode(re.Kind)
	}
	return Internal
}

func kindCode(k store.ErrKind) Code {
	switch k {
	case store.Invalid:
		return Invalid
	case store.Conflict:
		return Conflict
	case store.Forbidden:
		return Forbidden
	case store.NotFound:
		return NotFound
	}
	return Internal
}
