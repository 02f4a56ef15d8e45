//! Row selection as desktop tables do it: click, Shift-click, Ctrl-click.

use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    rows: BTreeSet<usize>,
    anchor: Option<usize>,
}

/// How a click extends the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Replace,
    /// Shift: from the anchor to here.
    Range,
    /// Ctrl (Cmd on macOS): add or remove one row.
    Toggle,
}

impl Selection {
    pub fn click(&mut self, index: usize, mode: Mode) {
        match (mode, self.anchor) {
            (Mode::Range, Some(anchor)) => {
                self.rows = (anchor.min(index)..=anchor.max(index)).collect();
            }
            (Mode::Toggle, _) => {
                if !self.rows.remove(&index) {
                    self.rows.insert(index);
                }
                self.anchor = Some(index);
            }
            _ => {
                self.rows = BTreeSet::from([index]);
                self.anchor = Some(index);
            }
        }
    }

    /// Arrow keys: move the single selection by `delta`, within `total` rows.
    pub fn step(&mut self, delta: isize, total: usize) -> Option<usize> {
        if total == 0 {
            return None;
        }
        let from = self.anchor.unwrap_or(0);
        let to = from.saturating_add_signed(delta).min(total - 1);
        self.click(to, Mode::Replace);
        Some(to)
    }

    /// The row clicked or moved to last (the keyboard's row).
    pub fn anchor(&self) -> Option<usize> {
        self.anchor
    }

    pub fn contains(&self, index: usize) -> bool {
        self.rows.contains(&index)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn click_shift_ctrl() {
        let mut s = Selection::default();
        s.click(3, Mode::Replace);
        s.click(6, Mode::Range);
        assert_eq!(s.indices().collect::<Vec<_>>(), vec![3, 4, 5, 6]);
        s.click(4, Mode::Toggle);
        assert_eq!(s.indices().collect::<Vec<_>>(), vec![3, 5, 6]);
        s.click(1, Mode::Range);
        assert_eq!(s.indices().collect::<Vec<_>>(), vec![1, 2, 3, 4]);
        s.click(9, Mode::Replace);
        assert_eq!(s.len(), 1);
        assert_eq!(s.step(-1, 10), Some(8));
        assert_eq!(s.step(5, 10), Some(9));
        assert!(s.contains(9));
    }
}
