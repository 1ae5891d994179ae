package score

import (
	"errors"

	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// MaxFileSize is the largest .xlsx file Read opens.
const MaxFileSize = xlsxsafe.MaxFileSize

// Errors Read returns, for errors.Is. Each comes wrapped in a message that
// says what is wrong and, where it can, names the sheet and cell.
var (
	ErrNotWorkbook = xlsxsafe.ErrNotWorkbook
	ErrTooLarge    = xlsxsafe.ErrTooLarge
	ErrNotGrid     = errors.New("not a goldenthread evaluation grid")
	ErrLayout      = errors.New("the grid's layout was changed")
	ErrReturn      = errors.New("not a whole grid")
)
