//! Sizes of groups as the text gives them (六七百人, 2万余人): see issue #2.
