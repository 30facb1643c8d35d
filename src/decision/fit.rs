//! Fitting the model: a pairwise ranker and a decision, both L2-regularised logistic
//! regressions solved by Newton's method, and question-level cross-validation.
//!
//! The ranker learns from pairs within a question (a right candidate against a wrong
//! one), so it orders candidates by what tells them apart rather than by what every
//! candidate of a long question shares. The decision learns, from the ranker's best
//! candidate of each question, how likely that candidate is right. Twenty-odd features
//! and a few thousand rows need nothing more: Newton's method converges in a handful of
//! steps, deterministically, and keeps the crate free of a numerics dependency.

use super::{Features, FitInfo, Model, LEAD_CAP, NAMES};

/// One labelled question: its candidates' features and whether each is a right answer.
#[derive(Debug, Clone)]
pub struct Example {
    /// Whether the question can be answered from the knowledge.
    pub in_scope: bool,
    /// Each candidate's features and whether it is a right answer.
    pub candidates: Vec<(Features, bool)>,
}

/// Decision quality on a set of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// In-scope questions answered with a right entry.
    pub in_right: usize,
    /// In-scope questions.
    pub in_total: usize,
    /// In-scope questions whose best-ranked candidate is right (answered or not).
    pub in_ranked: usize,
    /// Out-of-scope questions refused.
    pub out_refused: usize,
    /// Out-of-scope questions.
    pub out_total: usize,
}

impl Figures {
    /// Share of in-scope questions answered right.
    pub fn in_scope(&self) -> f32 {
        self.in_right as f32 / self.in_total.max(1) as f32
    }
    /// Share of out-of-scope questions refused.
    pub fn out_of_scope(&self) -> f32 {
        self.out_refused as f32 / self.out_total.max(1) as f32
    }
    fn add(&mut self, o: Figures) {
        self.in_right += o.in_right;
        self.in_total += o.in_total;
        self.in_ranked += o.in_ranked;
        self.out_refused += o.out_refused;
        self.out_total += o.out_total;
    }
}

const N: usize = NAMES.len();

/// Examples with their position, as a fold split keeps them.
type Indexed<'a> = Vec<(usize, &'a Example)>;

/// Fits the ranker, then the decision on the ranker's best candidates.
///
/// The ranker's positive for a question is its most relevant right candidate only: an
/// answer can contain an expected string by chance ("12" in "12:00"), and teaching the
/// ranker that such an entry beats the others would teach it noise.
pub fn fit(examples: &[Example], l2: f32) -> Model {
    let relevance = NAMES
        .iter()
        .position(|&n| n == "relevance")
        .expect("relevance is a feature");
    let mut pairs: Vec<(Vec<f64>, bool)> = Vec::new();
    for e in examples.iter().filter(|e| e.in_scope) {
        let best_right = e
            .candidates
            .iter()
            .filter(|c| c.1)
            .max_by(|a, b| a.0 .0[relevance].total_cmp(&b.0 .0[relevance]));
        if let Some((right, _)) = best_right {
            for (wrong, _) in e.candidates.iter().filter(|c| !c.1) {
                let d: Vec<f64> = (0..N)
                    .map(|j| f64::from(right.0[j]) - f64::from(wrong.0[j]))
                    .collect();
                pairs.push((d.iter().map(|x| -x).collect(), false));
                pairs.push((d, true));
            }
        }
    }
    let (rank, _) = logistic(&pairs, f64::from(l2), false);
    let mut model = Model {
        features: NAMES.iter().map(|s| s.to_string()).collect(),
        rank: rank.iter().map(|&w| w as f32).collect(),
        weights: vec![0.0; N + 1],
        bias: 0.0,
        fit: FitInfo::default(),
    };
    let rows: Vec<(Vec<f64>, bool)> = examples
        .iter()
        .filter_map(|e| {
            let (f, right, lead) = best(&model, e)?;
            let x = f.values().iter().map(|&v| f64::from(v));
            Some((x.chain([f64::from(lead)]).collect(), right))
        })
        .collect();
    let (weights, bias) = logistic(&rows, f64::from(l2), true);
    model.weights = weights.iter().map(|&w| w as f32).collect();
    model.bias = bias as f32;
    model.fit = FitInfo {
        questions: examples.len(),
        rows: pairs.len() + rows.len(),
        l2,
        ..FitInfo::default()
    };
    model
}

/// The best-ranked candidate of a question: its features, whether it is right, and its
/// lead in rank score over the next one.
fn best(model: &Model, e: &Example) -> Option<(Features, bool, f32)> {
    let mut scored: Vec<(f32, &(Features, bool))> = e
        .candidates
        .iter()
        .map(|c| (model.score(&c.0), c))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (top, (f, right)) = *scored.first()?;
    let lead = scored.get(1).map_or(LEAD_CAP, |s| top - s.0);
    Some((*f, *right, lead))
}

/// L2-regularised logistic regression by Newton's method on standardised columns.
/// Returns weights in the original units, and the intercept (0 without one).
// The Hessian is filled by row and column index, as the algebra writes it.
#[allow(clippy::needless_range_loop)]
fn logistic(rows: &[(Vec<f64>, bool)], l2: f64, intercept: bool) -> (Vec<f64>, f64) {
    let d = rows.first().map_or(0, |r| r.0.len());
    let n = rows.len().max(1) as f64;
    let mut mean = vec![0.0; d];
    let mut sd = vec![0.0; d];
    if intercept {
        for (x, _) in rows {
            for j in 0..d {
                mean[j] += x[j] / n;
            }
        }
    }
    for (x, _) in rows {
        for j in 0..d {
            sd[j] += (x[j] - mean[j]).powi(2) / n;
        }
    }
    let sd: Vec<f64> = sd.iter().map(|v| v.sqrt().max(1e-6)).collect();
    // beta[0] is the intercept (kept at 0 without one).
    let mut beta = vec![0.0f64; d + 1];
    let mut z = vec![0.0f64; d + 1];
    for _ in 0..60 {
        let mut grad = vec![0.0f64; d + 1];
        let mut hess = vec![vec![0.0f64; d + 1]; d + 1];
        for (x, y) in rows {
            z[0] = 1.0;
            for j in 0..d {
                z[j + 1] = (x[j] - mean[j]) / sd[j];
            }
            let eta: f64 = z.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-eta).exp());
            let r = p - f64::from(u8::from(*y));
            let w = (p * (1.0 - p)).max(1e-9);
            for i in 0..=d {
                grad[i] += r * z[i];
                for k in i..=d {
                    hess[i][k] += w * z[i] * z[k];
                }
            }
        }
        for i in 0..=d {
            for k in 0..i {
                hess[i][k] = hess[k][i];
            }
        }
        for i in 1..=d {
            grad[i] += l2 * beta[i];
            hess[i][i] += l2;
        }
        if !intercept {
            grad[0] = 0.0;
            hess[0] = vec![0.0; d + 1];
            hess[0][0] = 1.0;
            for row in hess.iter_mut().skip(1) {
                row[0] = 0.0;
            }
        }
        let step = solve(hess, grad);
        let size: f64 = step.iter().map(|s| s.abs()).fold(0.0, f64::max);
        for (b, s) in beta.iter_mut().zip(&step) {
            *b -= s;
        }
        if size < 1e-8 {
            break;
        }
    }
    let weights: Vec<f64> = (0..d).map(|j| beta[j + 1] / sd[j]).collect();
    let bias = beta[0] - (0..d).map(|j| weights[j] * mean[j]).sum::<f64>();
    (weights, bias)
}

/// Gaussian elimination with partial pivoting: solves `a · x = b`.
// Row and column indices read as the algebra does.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    let safe = |v: f64| if v.abs() < 1e-12 { 1e-12 } else { v };
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        for r in c + 1..n {
            let f = a[r][c] / safe(a[c][c]);
            for k in c..n {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / safe(a[r][r]);
    }
    x
}

/// How `model` decides on `examples`: the best-ranked candidate is answered when its
/// probability reaches `threshold`.
pub fn evaluate(model: &Model, examples: &[Example], threshold: f32) -> Figures {
    let mut f = Figures::default();
    for e in examples {
        let top = best(model, e);
        let answered = top.is_some_and(|(x, _, lead)| model.probability(&x, lead) >= threshold);
        let right = top.is_some_and(|(_, y, _)| y);
        if e.in_scope {
            f.in_total += 1;
            f.in_right += usize::from(answered && right);
            f.in_ranked += usize::from(right);
        } else {
            f.out_total += 1;
            f.out_refused += usize::from(!answered);
        }
    }
    f
}

/// `folds`-fold cross-validation by question: each fold is scored by a model fitted on
/// the others, so the figures say how the model does on questions it has not seen.
/// One fit per fold serves every threshold asked for.
pub fn cross_validate(
    examples: &[Example],
    folds: usize,
    l2: f32,
    thresholds: &[f32],
) -> Vec<Figures> {
    let folds = folds.max(2);
    let mut total = vec![Figures::default(); thresholds.len()];
    for k in 0..folds {
        let (held, train): (Indexed, Indexed) = examples
            .iter()
            .enumerate()
            .partition(|(i, _)| i % folds == k);
        let train: Vec<Example> = train.into_iter().map(|(_, e)| e.clone()).collect();
        let held: Vec<Example> = held.into_iter().map(|(_, e)| e.clone()).collect();
        let model = fit(&train, l2);
        for (t, sum) in thresholds.iter().zip(&mut total) {
            sum.add(evaluate(&model, &held, *t));
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(x: f32, y: f32) -> Features {
        let mut f = [0.0; N];
        f[0] = x;
        f[1] = y;
        Features(f)
    }

    /// Questions whose right candidate has the higher first feature; out-of-scope
    /// questions have only low ones.
    fn examples() -> Vec<Example> {
        (0..60)
            .map(|i| {
                let x = (i % 10) as f32 / 10.0;
                if i % 3 == 0 {
                    Example {
                        in_scope: false,
                        candidates: vec![(feats(x * 0.3, 0.5), false), (feats(0.1, 0.2), false)],
                    }
                } else {
                    Example {
                        in_scope: true,
                        candidates: vec![
                            (feats(0.6 + x * 0.4, 0.3), true),
                            (feats(0.4, 0.9), false),
                        ],
                    }
                }
            })
            .collect()
    }

    #[test]
    fn newton_learns_to_rank_and_to_decide() {
        let examples = examples();
        let m = fit(&examples, 0.1);
        assert!(
            m.rank[0] > 0.0,
            "the telling feature ranks up: {:?}",
            m.rank
        );
        let f = evaluate(&m, &examples, 0.5);
        assert_eq!(f.in_ranked, f.in_total, "{f:?}");
        assert!(f.in_scope() > 0.9 && f.out_of_scope() > 0.9, "{f:?}");
        let cv = cross_validate(&examples, 3, 0.1, &[0.5]);
        assert_eq!(cv[0].in_total + cv[0].out_total, examples.len());
    }

    #[test]
    fn solve_solves() {
        let x = solve(vec![vec![2.0, 1.0], vec![1.0, 3.0]], vec![3.0, 5.0]);
        assert!(
            (x[0] - 0.8).abs() < 1e-9 && (x[1] - 1.4).abs() < 1e-9,
            "{x:?}"
        );
    }
}
