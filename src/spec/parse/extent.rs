//! The `extent` transform (feature `full`): `{"extent": field, "param": name}`. Its
//! parameter enters the expression scope at once, so that later expressions read
//! `name[0]` (min) and `name[1]` (max); the transforms bind them when they run.

use super::*;

/// `{"extent": field, "param": name}` at `path`.
pub(super) fn parse_extent(r: &mut ObjReader<'_>, path: &str) -> Result<Transform, Error> {
    let field = r
        .opt_str("extent")?
        .ok_or_else(|| spec_error(&join(path, "extent"), "a field name", &Json::Null))?;
    let Some(param) = r.opt_str("param")? else {
        return Err(Error::Spec {
            path: join(path, "param"),
            expected: "the name of the parameter the extent is stored in".into(),
            found: "nothing".into(),
        });
    };
    crate::spec::expr::scope_push(&param, Expr::ParamItem(param.clone(), usize::MAX));
    Ok(Transform::Extent { field, param })
}
