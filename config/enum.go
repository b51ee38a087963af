package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// enum defines an enumerated config value of type T: the values it
// accepts, in the order the documentation lists them, and what it is
// called in messages. One definition serves decoding (decode), the
// message for a value outside the list (with a did-you-mean hint), and
// the list in the JSON schema (configEnums).
type enum[T ~string] struct {
	what   string // "page size": a value is "page size must be …"
	values []T
	fold   bool // accept any case; the value kept is the listed spelling
}

// decode sets *v to the value t names, or says what t may be.
func (e enum[T]) decode(v *T, t []byte) error {
	s := string(t)
	for _, x := range e.values {
		if s == string(x) || e.fold && strings.EqualFold(s, string(x)) {
			*v = x
			return nil
		}
	}
	names := e.names()
	return fmt.Errorf("%s must be %s, not %s%s", e.what, orList(names), diag.Quote(s), diag.Suggest(s, names))
}

// names are the values as strings.
func (e enum[T]) names() []string {
	out := make([]string, len(e.values))
	for i, v := range e.values {
		out[i] = string(v)
	}
	return out
}

// schemaType is the Go type the definition decodes, for configEnums.
func (e enum[T]) schemaType() reflect.Type { return reflect.TypeFor[T]() }

// orList joins names as "a", "a or b", "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// enumDef is any enum, as the schema sees it.
type enumDef interface {
	schemaType() reflect.Type
	names() []string
}

// configEnums lists the values each enumerated config type accepts, read
// from the definitions in configEnumDefs; a test checks each against the
// type's UnmarshalText.
var configEnums = func() map[reflect.Type][]string {
	m := make(map[reflect.Type][]string, len(configEnumDefs))
	for _, d := range configEnumDefs {
		m[d.schemaType()] = d.names()
	}
	return m
}()
