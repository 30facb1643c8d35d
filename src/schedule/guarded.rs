//! [`Guarded`]: a future whose panic is caught, so that one scheduled item the bot
//! fails on cannot end the posting loop (`runner`).

/// A future whose panic is caught and returned, like `std::panic::catch_unwind` for a
/// closure. Whatever the future held is dropped with it; the store rolls back any
/// transaction left open.
pub(super) struct Guarded<'a, T>(
    pub(super) std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>,
);

impl<T> std::future::Future for Guarded<'_, T> {
    type Output = std::thread::Result<T>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Ok(std::task::Poll::Ready(v)) => std::task::Poll::Ready(Ok(v)),
            Err(panic) => std::task::Poll::Ready(Err(panic)),
        }
    }
}
