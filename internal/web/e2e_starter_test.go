package web

import (
	"os"

	"github.com/goldenthread/goldenthread/internal/library"
)

// e2eStarter stands in for init's starter until profile.Starter lands:
// the Welsh cleaning example, whatever was asked for.
func e2eStarter(_ *library.Library, _ string, _ Starter) ([]byte, error) {
	return os.ReadFile("../../examples/dyffryn-tywi-cleaning.toml")
}
